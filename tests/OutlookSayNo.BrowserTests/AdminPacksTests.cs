using System.Text.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OutlookSayNo.BrowserTests;

/// <summary>An admin says what kind of supplier the business is and which customer domains get another
/// pack; the save goes through the same gate as any document.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminPacksTests(AdminFixture fixture, ITestOutputHelper output) : AdminTestBase(fixture, output)
{
    [Fact]
    public async Task Choosing_the_business_pack_and_a_pack_for_a_customer_domain_saves_setup_json()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);

        await admin.TestId("open-packs").ClickAsync();
        var goods = admin.TestId("pack-goods").Locator("input[type=radio]");
        await Expect(goods).ToBeCheckedAsync();
        // Plain words: pack titles and fact labels, never file names or fact ids.
        await Expect(admin.TestId("pack-software")).ToContainTextAsync("Software and SaaS");
        await Expect(admin.TestId("pack-software")).Not.ToContainTextAsync("slaUptimePercent");

        await admin.TestId("pack-software").Locator("input[type=radio]").CheckAsync();
        await admin.TestId("packs-add-domain").ClickAsync();
        await admin.TestId("packs-domain").Last.FillAsync("Agency.Example");
        await admin.TestId("packs-domain-pack").Last.SelectOptionAsync("services");

        var put = await admin.SaveAfter(() => admin.TestId("packs-save").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.EndsWith("/api/templates/documents/setup.json", StringComparison.Ordinal));
        Assert.True(put.Status == 200, $"{put.Status}: {await put.TextAsync()}");
        await Expect(admin.TestId("packs-status")).ToHaveTextAsync("Saved version 2.");

        var setup = JsonDocument.Parse((await Document(server, "setup.json")).GetProperty("content").GetString()!).RootElement;
        Assert.Equal("software", setup.GetProperty("pack").GetString());
        Assert.Equal("services", setup.GetProperty("domains").GetProperty("agency.example").GetString());
    }

    [Fact]
    public async Task A_malformed_domain_is_named_and_nothing_is_sent()
    {
        using var server = OwnServer();
        await using var admin = await NewSession();
        await admin.OpenSignedIn(server);
        await admin.TestId("open-packs").ClickAsync();
        await Expect(admin.TestId("pack-goods").Locator("input[type=radio]")).ToBeCheckedAsync();
        await admin.TestId("packs-add-domain").ClickAsync();
        await admin.TestId("packs-domain").Last.FillAsync("dana@agency.example");
        var puts = 0;
        admin.Page.Request += (_, r) => { if (r.Method == "PUT") puts++; };
        await admin.TestId("packs-save").ClickAsync();
        await Expect(admin.TestId("packs-status")).ToContainTextAsync("is not an email domain");
        Assert.Equal(0, puts);
    }
}
