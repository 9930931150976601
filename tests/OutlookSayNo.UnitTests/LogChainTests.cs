using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OutlookSayNo.Data;

namespace OutlookSayNo.UnitTests;

public sealed class LogChainTests
{
    /// <summary>The canonical content as first defined: a System.Text.Json array header, a newline, the payload.</summary>
    private static string Reference(long seq, string type, string? draftId, DateTime at, string userId, string userName, string payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(seq);
            json.WriteStringValue(type);
            if (draftId is null) json.WriteNullValue(); else json.WriteStringValue(draftId);
            json.WriteStringValue(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStringValue(userId);
            json.WriteStringValue(userName);
            json.WriteEndArray();
        }
        var bytes = buffer.WrittenSpan.ToArray().Concat("\n"u8.ToArray()).Concat(Encoding.UTF8.GetBytes(payload)).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    [Theory]
    [InlineData("alex.morgan", "Alex Morgan")]
    [InlineData("jose", "José Núñez")]
    [InlineData("o'brien", "Pat O'Brien <pat@x>")]
    [InlineData("a+b", "Quote \" and back\\slash & `tick`")]
    [InlineData("line", "two\nlines\ttab")]
    [InlineData("", "")]
    [InlineData("東京", "山田 太郎")]
    public void The_fast_content_hash_equals_the_canonical_json_definition(string userId, string userName)
    {
        var at = new DateTime(2026, 11, 16, 9, 0, 0, 123, DateTimeKind.Utc);
        foreach (var draftId in new[] { null, "019a-draft" })
        foreach (var payload in new[] { "{}", """{"text":"We can't — 15% € \u2028"}""", new string('x', 5000) })
            Assert.Equal(Reference(42, "generated", draftId, at, userId, userName, payload), LogChain.ContentHash(42, "generated", draftId, at, userId, userName, payload));
    }

    [Fact]
    public void Each_hash_depends_on_the_previous_one_and_on_every_field()
    {
        var at = LogChain.Truncate(new DateTime(2026, 11, 16, 9, 0, 0, DateTimeKind.Utc).AddTicks(12345));
        Assert.Equal(0, at.Ticks % TimeSpan.TicksPerMillisecond);
        var content = LogChain.ContentHash(1, "sent", "d", at, "u", "U", "{}");
        Assert.NotEqual(content, LogChain.ContentHash(2, "sent", "d", at, "u", "U", "{}"));
        Assert.NotEqual(content, LogChain.ContentHash(1, "sent", "d", at.AddMilliseconds(1), "u", "U", "{}"));
        Assert.NotEqual(content, LogChain.ContentHash(1, "sent", "e", at, "u", "U", "{}"));
        Assert.NotEqual(content, LogChain.ContentHash(1, "sent", "d", at, "u", "U", "{ }"));
        Assert.NotEqual(LogChain.ChainHash(LogChain.Genesis, content), LogChain.ChainHash(new string('1', 64), content));
    }
}
