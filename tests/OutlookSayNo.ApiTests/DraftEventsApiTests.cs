using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

public sealed class DraftEventsApiTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private async Task<string> NewDraft(HttpClient client)
    {
        var json = await (await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) })).ReadNodeAsync();
        return (string)json["id"]!;
    }

    [Fact]
    public async Task An_inserted_event_is_recorded_against_the_draft()
    {
        var client = factory.ClientAs(name: "Alex Morgan");
        var id = await NewDraft(client);

        var response = await client.PostJsonAsync($"/api/drafts/{id}/events", new { type = "inserted", mode = "replyAll" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal(id, (string?)json["draftId"]);
        Assert.Equal("inserted", (string?)json["type"]);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        var stored = await db.Log.AsNoTracking().SingleAsync(e => e.DraftId == id && e.Type == "inserted");
        Assert.Equal("replyAll", (string?)System.Text.Json.Nodes.JsonNode.Parse(stored.Payload)!["mode"]);
        Assert.Equal("inserted", (await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == id)).Status);
        Assert.Equal("Alex Morgan", stored.UserName);
        Assert.Equal(SayNoFactory.Now.UtcDateTime, stored.AtUtc);
    }

    [Fact]
    public async Task An_event_for_an_unknown_draft_is_a_404_problem()
    {
        var response = await factory.ClientAs().PostJsonAsync("/api/drafts/no-such-draft/events", new { type = "inserted" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_account_managers_draft_cannot_get_events()
    {
        var id = await NewDraft(factory.ClientAs(name: "Alex Morgan"));
        var response = await factory.ClientAs(name: "Jordan Lee").PostJsonAsync($"/api/drafts/{id}/events", new { type = "inserted" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"printed\"}", "type")]
    [InlineData("{}", "type")]
    [InlineData("{\"type\":\"inserted\",\"mode\":\"fax\"}", "mode")]
    public async Task A_bad_event_is_a_validation_problem_naming_the_field(string payload, string field)
    {
        var client = factory.ClientAs();
        var id = await NewDraft(client);
        var response = await client.PostAsync($"/api/drafts/{id}/events", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Events_need_the_account_manager_role()
    {
        var response = await factory.ClientAs("ComplianceReviewer").PostJsonAsync("/api/drafts/x/events", new { type = "inserted" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
