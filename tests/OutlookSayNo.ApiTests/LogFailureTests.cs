using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OutlookSayNo.Data;

namespace OutlookSayNo.ApiTests;

public sealed class LogFailureTests
{
    [Fact]
    public async Task When_the_log_cannot_be_written_the_draft_is_not_returned_and_the_answer_is_503()
    {
        using var factory = new SayNoFactory();
        var client = factory.ClientAs();
        var ok = await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
            await db.Database.ExecuteSqlRawAsync("DROP TABLE drafts");
        }

        var failed = await client.PostJsonAsync("/api/drafts", new { email = Json.Email(Emails.DiscountBody) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var json = await failed.ReadNodeAsync();
        Assert.Null(json["html"]);
        Assert.Null(json["id"]);
        Assert.Equal("5", failed.Headers.RetryAfter?.ToString());

        // The server stays up: other routes still answer.
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/classify", Json.Email(Emails.DiscountBody))).StatusCode);
    }
}
