using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Mailbox;

namespace OutlookSayNo.ApiTests;

/// <summary>Entra sign-in with the mailbox on needs the API's own credential for the on-behalf-of
/// exchange: without it the API does not start, and says what to set.</summary>
public sealed class MailboxStartupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("saynombx").FullName;

    private sealed class Factory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        }
    }

    private Dictionary<string, string?> Entra(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Entra",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "8f2a6c61-3c1d-4f6e-9d8e-0a1b2c3d4e5f",
            ["AzureAd:ClientId"] = "5b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir, Guid.NewGuid() + ".db")}",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public void Entra_with_the_mailbox_on_and_no_client_credential_stops_the_start_naming_the_setting()
    {
        using var factory = new Factory(Entra());
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var all = string.Join(" | ", Flatten(ex));
        Assert.Contains("AzureAd:ClientSecret", all);
        Assert.Contains("Graph:Enabled=false", all);
    }

    [Fact]
    public void Entra_with_the_mailbox_off_starts_and_the_mailbox_says_it_is_not_configured()
    {
        using var factory = new Factory(Entra(("Graph:Enabled", "false")));
        factory.CreateClient();
        Assert.False(MailboxSetup.MailboxConfigured(factory.Services));
    }

    [Fact]
    public void Entra_with_a_client_secret_starts_with_graph_on_behalf_of_the_user()
    {
        using var factory = new Factory(Entra(("AzureAd:ClientSecret", "test-secret")));
        factory.CreateClient();
        Assert.True(MailboxSetup.MailboxConfigured(factory.Services));
        Assert.NotNull(factory.Services.GetService<Microsoft.Identity.Web.ITokenAcquisition>());
    }

    [Theory]
    [InlineData("Graph:BaseUrl", "not a url")]
    [InlineData("Graph:MaxRetries", "50")]
    [InlineData("Graph:Scopes:0", " ")]
    public void A_graph_setting_out_of_range_stops_the_start_naming_it(string key, string? value)
    {
        using var factory = new Factory(Entra(("AzureAd:ClientSecret", "s"), (key, value)));
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains(key.Split(':')[1], string.Join(" | ", Flatten(ex)));
    }

    private static IEnumerable<string> Flatten(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException) yield return e.Message;
        if (ex is AggregateException agg) foreach (var inner in agg.Flatten().InnerExceptions) yield return inner.Message;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
