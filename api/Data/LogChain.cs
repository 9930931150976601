using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OutlookSayNo.Data;

/// <summary>What a caller appends: the chain assigns the sequence number, time and hashes.</summary>
public sealed record LogEntry(string Type, string? DraftId, string UserId, string UserName, string Payload);

/// <summary>The hash chain. A record's content hash covers a canonical header (seq, type, draft id,
/// time to the millisecond, user) and its payload text; its hash covers the previous record's hash
/// and its content hash. Content hashes are independent, so verify computes them in parallel and
/// then walks the chain.</summary>
public static class LogChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Times are kept to the millisecond so SQLite and PostgreSQL give back what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string ContentHash(long seq, string type, string? draftId, DateTime atUtc, string userId, string userName, string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        ContentHash(seq, type, draftId, atUtc, userId, userName, payload, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The content hash into <paramref name="hash"/> (32 bytes), without allocating for the
    /// common case: verify runs this a million times.</summary>
    public static void ContentHash(long seq, string type, string? draftId, DateTime atUtc, string userId, string userName, string payload, Span<byte> hash)
    {
        var payloadBytes = Encoding.UTF8.GetMaxByteCount(payload.Length);
        var size = 160 + (type.Length + (draftId?.Length ?? 4) + userId.Length + userName.Length) * 6 + payloadBytes;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = WriteHeader(rented, seq, type, draftId, atUtc, userId, userName);
            rented[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(payload, rented.AsSpan(length));
            SHA256.HashData(rented.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The same, with the payload already as UTF-8 (as SQLite stores it): no decoding and re-encoding.</summary>
    public static void ContentHash(long seq, string type, string? draftId, DateTime atUtc, string userId, string userName, ReadOnlySpan<byte> payloadUtf8, Span<byte> hash)
    {
        var size = 160 + (type.Length + (draftId?.Length ?? 4) + userId.Length + userName.Length) * 6 + payloadUtf8.Length;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = WriteHeader(rented, seq, type, draftId, atUtc, userId, userName);
            rented[length++] = (byte)'\n';
            payloadUtf8.CopyTo(rented.AsSpan(length));
            length += payloadUtf8.Length;
            SHA256.HashData(rented.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The canonical header: a JSON array [seq, type, draftId, time, userId, userName] as
    /// System.Text.Json writes it (its default escaping). Plain ASCII is written directly; anything
    /// that needs escaping goes through Utf8JsonWriter so the bytes stay the same.</summary>
    private static int WriteHeader(byte[] buffer, long seq, string type, string? draftId, DateTime atUtc, string userId, string userName)
    {
        var at = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (!Plain(type) || (draftId is not null && !Plain(draftId)) || !Plain(userId) || !Plain(userName))
        {
            var writer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(writer))
            {
                json.WriteStartArray();
                json.WriteNumberValue(seq);
                json.WriteStringValue(type);
                if (draftId is null) json.WriteNullValue(); else json.WriteStringValue(draftId);
                json.WriteStringValue(at);
                json.WriteStringValue(userId);
                json.WriteStringValue(userName);
                json.WriteEndArray();
            }
            writer.WrittenSpan.CopyTo(buffer);
            return writer.WrittenCount;
        }
        var span = buffer.AsSpan();
        var n = 0;
        span[n++] = (byte)'[';
        seq.TryFormat(span[n..], out var w, default, System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        n += Quoted(span[n..], type);
        if (draftId is null) { span[n++] = (byte)','; "null"u8.CopyTo(span[n..]); n += 4; }
        else n += Quoted(span[n..], draftId);
        n += Quoted(span[n..], at);
        n += Quoted(span[n..], userId);
        n += Quoted(span[n..], userName);
        span[n++] = (byte)']';
        return n;
    }

    private static int Quoted(Span<byte> span, string value)
    {
        span[0] = (byte)',';
        span[1] = (byte)'"';
        var n = 2 + Encoding.ASCII.GetBytes(value, span[2..]);
        span[n++] = (byte)'"';
        return n;
    }

    /// <summary>Printable ASCII that System.Text.Json's default encoder writes as is.</summary>
    private static bool Plain(string value)
    {
        foreach (var c in value)
            if (c < 0x20 || c > 0x7E || c is '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') return false;
        return true;
    }

    public static string ContentHash(LogRecord r) => ContentHash(r.Seq, r.Type, r.DraftId, r.AtUtc, r.UserId, r.UserName, r.Payload);

    public static string ChainHash(string prevHash, string contentHash)
    {
        Span<byte> both = stackalloc byte[64];
        Convert.FromHexString(prevHash, both[..32], out _, out _);
        Convert.FromHexString(contentHash, both[32..], out _, out _);
        return Convert.ToHexStringLower(SHA256.HashData(both));
    }

    /// <summary>Appends entries at the end of the chain inside the caller's transaction (which must be
    /// open). The head row is locked first, so concurrent writers, on any instance, queue up.</summary>
    public static async Task<List<LogRecord>> AppendAsync(SayNoDb db, IReadOnlyList<LogEntry> entries, DateTime atUtc, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Append the log inside a transaction.");
        var head = db.IsPostgres
            ? await db.LogHead.FromSql($"SELECT * FROM log_head WHERE \"Id\" = {Data.LogHead.SingletonId} FOR UPDATE").AsTracking().SingleAsync(ct)
            // SQLite: the transaction began IMMEDIATE and already holds the only write lock.
            : await db.LogHead.AsTracking().SingleAsync(h => h.Id == Data.LogHead.SingletonId, ct);
        var at = Truncate(atUtc);
        var records = new List<LogRecord>(entries.Count);
        foreach (var e in entries)
        {
            var seq = head.Seq + 1;
            var content = ContentHash(seq, e.Type, e.DraftId, at, e.UserId, e.UserName, e.Payload);
            var hash = ChainHash(head.Hash, content);
            var record = new LogRecord
            {
                Seq = seq, Type = e.Type, DraftId = e.DraftId, AtUtc = at, UserId = e.UserId, UserName = e.UserName,
                Payload = e.Payload, ContentHash = content, PrevHash = head.Hash, Hash = hash,
            };
            db.Log.Add(record);
            records.Add(record);
            head.Seq = seq;
            head.Hash = hash;
        }
        return records;
    }

    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static string Payload<T>(T value) => JsonSerializer.Serialize(value, PayloadJson);
}
