using System.Net;
using System.Text;
using System.Text.Json;

namespace OutlookSayNo.ApiTests;

public sealed class RequestSizeTests(SayNoFactory factory) : IClassFixture<SayNoFactory>
{
    private static StringContent JsonBody(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_review_action_over_16_KB_gets_413_problem_details()
    {
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rae Reviewer");
        var response = await reviewer.PostAsync("/api/compliance/drafts/no-such-draft/actions",
            JsonBody(new { type = "comment", comment = new string('c', 17 * 1024) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Contains("16,384", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_small_review_action_passes_the_limit()
    {
        var reviewer = factory.ClientAs("ComplianceReviewer", "Rae Reviewer");
        var response = await reviewer.PostAsync("/api/compliance/drafts/no-such-draft/actions",
            JsonBody(new { type = "comment", comment = "Looks fine." }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_facts_save_over_64_KB_gets_413()
    {
        var admin = factory.ClientAs("TemplateAdmin", "Tara Admin");
        var response = await admin.PutAsync("/api/facts", JsonBody(new { facts = new { note = new string('f', 70 * 1024) } }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_draft_of_a_100_KB_email_is_accepted()
    {
        var padding = string.Concat(Enumerable.Repeat("We value the partnership and the work our teams have done together this year.\n", 1_350));
        var body = Emails.DiscountBody + "\n\n" + padding;
        Assert.InRange(body.Length, 100 * 1024, 120 * 1024);

        var response = await factory.ClientAs().PostAsync("/api/drafts", JsonBody(new { email = Json.Email(body) }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
