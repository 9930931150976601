using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using OutlookSayNo.Kinds;
using OutlookSayNo.Mailbox;

namespace OutlookSayNo.Asks;

/// <summary>Reads and classifies an email once. The pane re-drafts the same email for another
/// audience, kind or typed field; those re-drafts reuse the reading (and a message read from the
/// mailbox) instead of reading, fetching and classifying again. Keyed by the catalog version, the
/// day (relative dates) and a hash of the text, so a change to cues or examples reads afresh.</summary>
public sealed class Readings(Classifier classifier, TimeProvider clock) : IDisposable
{
    /// <summary>About how many bytes the cached readings may hold (text, its map to HTML, tokens).</summary>
    public const long MaxCachedBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedBytes });
    private long _classified;
    private long _fetched;

    /// <summary>How many emails were really classified (not served from the cache); tests read it.</summary>
    public long Classified => Interlocked.Read(ref _classified);

    /// <summary>How many messages were really read from the mailbox; tests read it.</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    public Classification Classify(KindCatalog catalog, string? subject, string body, CancellationToken ct = default, DateOnly? writtenOn = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var key = ("reading", catalog.Version, today, writtenOn, Hash(subject, body));
        if (_cache.TryGetValue(key, out Classification? known) && known is not null) return known;
        var result = classifier.Classify(catalog, subject, body, ct, writtenOn);
        Interlocked.Increment(ref _classified);
        // The reading holds the text, its map to the HTML, the tokens and per-sentence scores: about 16 bytes a character.
        _cache.Set(key, result, new MemoryCacheEntryOptions { Size = 4096 + (long)body.Length * 16, SlidingExpiration = KeepFor });
        return result;
    }

    /// <summary><see cref="EmailInput.ResolveAsync"/>, with a message read from the mailbox kept per user and item for a while.</summary>
    public Task<(ResolvedEmail? Email, Dictionary<string, string[]> Errors)> ResolveAsync(IMailbox mailbox, string user,
        string? subject, string? body, EmailAddress? from, string? itemId, string? conversationId, string prefix, CancellationToken ct) =>
        EmailInput.ResolveAsync(async (id, token) =>
        {
            var key = ("message", user, id);
            if (_cache.TryGetValue(key, out MailMessage? known) && known is not null) return known;
            var message = await mailbox.GetMessageAsync(id, token);
            Interlocked.Increment(ref _fetched);
            _cache.Set(key, message, new MemoryCacheEntryOptions { Size = 4096 + (long)message.Body.Length * 2, SlidingExpiration = KeepFor });
            return message;
        }, subject, body, from, itemId, conversationId, prefix, ct);

    private static string Hash(string? subject, string body)
    {
        var bytes = Encoding.UTF8.GetBytes((subject ?? "") + "\u0000" + body);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    public void Dispose() => _cache.Dispose();
}
