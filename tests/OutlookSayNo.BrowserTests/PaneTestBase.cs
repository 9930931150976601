using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OutlookSayNo.BrowserTests;

/// <summary>What every browser test class shares: the fixture's server and browser, and a way to
/// open the pane on an Outlook item.</summary>
public abstract class PaneTestBase(PaneFixture fixture, ITestOutputHelper output)
{
    static PaneTestBase() => Assertions.SetDefaultExpectTimeout(15_000);

    protected PaneFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected PaneServer Server => Fixture.Server;

    protected Task<PaneSession> NewSession(OfficeHarness harness, int width = 400, int height = 900) =>
        PaneSession.Create(Fixture.Browser, harness, Output, width, height);

    protected static OfficeHarness ReadMode(OutlookItem? item = null, string mailbox = "1.8") =>
        new() { Mailbox = mailbox, Item = item ?? CustomerEmails.DiscountRead() };

    protected static OfficeHarness ComposeMode(OutlookItem? item = null, string mailbox = "1.8") =>
        new() { Mailbox = mailbox, Item = item ?? CustomerEmails.DiscountReply() };
}
