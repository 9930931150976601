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

    public static object Email(string body, string subject = "Renewal", string name = "Priya Nair", string email = "priya.nair@northwind-foods.com") =>
        new { subject, body, from = new { name, email } };
}
