using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookSayNo.ApiTests;

internal static class Json
{
    public static async Task<JsonNode> ReadNodeAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try { return JsonNode.Parse(text)!; }
        catch (JsonException) { throw new Xunit.Sdk.XunitException($"Not JSON ({(int)response.StatusCode}): {text}"); }
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    /// <summary>POST /api/drafts, asserting the status (with the body in the message when it differs).</summary>
    public static async Task<JsonNode> DraftAsync(this HttpClient client, object request, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var response = await client.PostJsonAsync("/api/drafts", request);
        var json = await response.ReadNodeAsync();
        Xunit.Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    /// <summary>An email as the pane sends it. The same user drafting the same email again makes a revision of
    /// one draft: give an <paramref name="itemId"/> (the Outlook item) to make it another email.</summary>
    public static object Email(string body, string subject = "Renewal", string name = "Priya Nair", string email = "priya.nair@northwind-foods.com",
        string? itemId = null) =>
        new { subject, body, from = new { name, email }, itemId };
}
