using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OutlookSayNo.Testing;

/// <summary>A loopback stand-in for the part of Microsoft Graph's HTTP API the mailbox uses: one user's
/// messages, drafts, Sent Items and manager. It records every request as it arrived (method, path,
/// query, body, bearer token) and can be told to answer the next requests to a path with an error.</summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public sealed record Seen(string Method, string Path, string Query, string? Body, string? Authorization)
    {
        public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);
        /// <summary>A query parameter, decoded.</summary>
        public string? Param(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var v) ? v.ToString() : null;
    }

    public sealed record Scripted(int Status, string? Json, Dictionary<string, string>? Headers);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Scripted>> _scripted = new();
    private int _nextDraft;

    public ConcurrentQueue<Seen> Requests { get; } = new();
    /// <summary>The mailbox, by message id: Graph's JSON for each message.</summary>
    public ConcurrentDictionary<string, JsonObject> Messages { get; } = new();
    /// <summary>The Sent Items folder.</summary>
    public ConcurrentBag<JsonObject> Sent { get; } = [];
    /// <summary>The user's manager (Graph's JSON for a user), or null for none.</summary>
    public JsonObject? Manager { get; set; }

    private FakeGraph(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraph(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.Single() : throw new InvalidOperationException();
        fake.BaseUrl = address.TrimEnd('/') + "/v1.0";
        return fake;
    }

    /// <summary>The next request to <paramref name="method"/> <paramref name="path"/> (e.g. "GET", "/me/manager")
    /// gets this answer instead of the mailbox's.</summary>
    public void Answer(string method, string path, int status, string? json = null, Dictionary<string, string>? headers = null) =>
        _scripted.GetOrAdd(method + " " + path, _ => new()).Enqueue(new Scripted(status, json, headers));

    public static string Error(string code, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString();

    public static JsonObject Message(string id, string subject, string html, string fromName, string fromEmail, string conversationId) => new()
    {
        ["id"] = id,
        ["subject"] = subject,
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
        ["from"] = Address(fromName, fromEmail),
        ["toRecipients"] = new JsonArray(Address("Alex Morgan", "alex@contoso.example")),
        ["ccRecipients"] = new JsonArray(),
        ["conversationId"] = conversationId,
        ["internetMessageId"] = $"<{id}@customer.example>",
        ["internetMessageHeaders"] = new JsonArray(new JsonObject { ["name"] = "X-Mailer", ["value"] = "Customer Mail 1.0" }),
    };

    public static JsonObject Address(string name, string email) => new() { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = email } };

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        string? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await new StreamReader(request.Body).ReadToEndAsync();
        var path = request.Path.Value!;
        var seen = new Seen(request.Method, path, request.QueryString.Value ?? "", body, request.Headers.Authorization.ToString());
        Requests.Enqueue(seen);
        var local = path.StartsWith("/v1.0", StringComparison.Ordinal) ? path["/v1.0".Length..] : path;

        if (_scripted.TryGetValue(request.Method + " " + local, out var queue) && queue.TryDequeue(out var scripted))
        {
            foreach (var (k, v) in scripted.Headers ?? []) http.Response.Headers[k] = v;
            await Write(http, scripted.Status, scripted.Json);
            return;
        }

        var segments = local.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("GET", ["me", "manager"]):
                if (Manager is null) await Write(http, 404, Error("Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present."));
                else await Write(http, 200, Manager.ToJsonString());
                return;
            case ("GET", ["me", "messages", var id]):
                if (Messages.TryGetValue(id, out var message)) await Write(http, 200, message.ToJsonString());
                else await Write(http, 404, Error("ErrorItemNotFound", "The specified object was not found in the store."));
                return;
            case ("POST", ["me", "messages", var id, var action]) when action is "createReply" or "createReplyAll":
                if (!Messages.TryGetValue(id, out var original)) { await Write(http, 404, Error("ErrorItemNotFound", "The specified object was not found in the store.")); return; }
                await Write(http, 201, CreateDraft(original, action == "createReplyAll").ToJsonString());
                return;
            case ("PATCH", ["me", "messages", var id]):
                if (!Messages.TryGetValue(id, out var draft)) { await Write(http, 404, Error("ErrorItemNotFound", "The specified object was not found in the store.")); return; }
                foreach (var (k, v) in JsonNode.Parse(body ?? "{}")!.AsObject()) draft[k] = v?.DeepClone();
                await Write(http, 200, draft.ToJsonString());
                return;
            case ("GET", ["me", "mailFolders", "sentitems", "messages"]):
                await Write(http, 200, new JsonObject { ["value"] = new JsonArray(SentMatching(seen.Param("$filter")).Select(m => (JsonNode)m.DeepClone()).ToArray()) }.ToJsonString());
                return;
        }
        await Write(http, 400, Error("BadRequest", $"The fake does not serve {request.Method} {local}."));
    }

    private JsonObject CreateDraft(JsonObject original, bool replyAll)
    {
        var id = "draft-" + Interlocked.Increment(ref _nextDraft);
        var from = original["from"]!.DeepClone();
        var draft = new JsonObject
        {
            ["id"] = id,
            ["subject"] = "RE: " + (string?)original["subject"],
            ["isDraft"] = true,
            ["body"] = new JsonObject
            {
                ["contentType"] = "html",
                ["content"] = "<html><head><meta charset=\"utf-8\"></head><body><hr><div id=\"divRplyFwdMsg\">From: " +
                              (string?)original["from"]!["emailAddress"]!["name"] + "</div>" + (string?)original["body"]!["content"] + "</body></html>",
            },
            ["toRecipients"] = new JsonArray(from),
            ["ccRecipients"] = replyAll ? original["ccRecipients"]!.DeepClone() : new JsonArray(),
            ["conversationId"] = original["conversationId"]!.DeepClone(),
            ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem",
        };
        Messages[id] = draft;
        return draft;
    }

    /// <summary>Sent Items filtered the two ways the mailbox asks: by the draft mark's value, or by conversation.</summary>
    private IEnumerable<JsonObject> SentMatching(string? filter)
    {
        if (filter is null) return Sent;
        var quoted = System.Text.RegularExpressions.Regex.Matches(filter, "'((?:[^']|'')*)'").Select(m => m.Groups[1].Value.Replace("''", "'")).ToList();
        if (filter.StartsWith("singleValueExtendedProperties/any", StringComparison.Ordinal) && quoted.Count == 2)
            return Sent.Where(m => m["singleValueExtendedProperties"] is JsonArray props &&
                                   props.Any(p => (string?)p!["id"] == quoted[0] && (string?)p["value"] == quoted[1]));
        if (filter.StartsWith("conversationId eq", StringComparison.Ordinal) && quoted.Count == 1)
            return Sent.Where(m => (string?)m["conversationId"] == quoted[0]);
        throw new InvalidOperationException("The fake does not understand the filter " + filter);
    }

    /// <summary>Sends a saved draft: it moves to Sent Items with its mark, as Outlook does.</summary>
    public JsonObject SendDraft(string draftId, DateTimeOffset at)
    {
        Messages.TryRemove(draftId, out var draft);
        var sent = (JsonObject)draft!.DeepClone();
        sent["id"] = "sent-" + draftId;
        sent["isDraft"] = false;
        sent["sentDateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        Sent.Add(sent);
        return sent;
    }

    private static async Task Write(HttpContext http, int status, string? json)
    {
        http.Response.StatusCode = status;
        if (json is null) return;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
