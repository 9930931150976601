using System.IO.Compression;
using System.Text;

namespace OutlookSayNo.ApiTests;

/// <summary>Writes a zip byte by byte, so a test can make one that lies in ways ZipArchive never
/// writes: a size the data does not match, a name twice, the encrypted flag, a wrong entry count.</summary>
internal static class ZipBytes
{
    public sealed record Entry(string Name, byte[] Data)
    {
        public bool Deflate { get; init; } = true;
        /// <summary>The uncompressed size both headers declare; null: the real one. The CRC is always
        /// that of the first DeclaredSize bytes, so a reader that stops there finds nothing wrong.</summary>
        public long? DeclaredSize { get; init; }
        /// <summary>General purpose flags (bit 0: encrypted); bit 11 (UTF-8 names) is always set.</summary>
        public ushort Flags { get; init; }

        public static Entry Text(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
    }

    private const ushort Utf8Names = 0x0800;
    private const ushort DosDate1980 = 0x0021;

    public static byte[] Build(IReadOnlyList<Entry> entries, int? declaredCount = null)
    {
        using var output = new MemoryStream();
        using var centralBytes = new MemoryStream();
        var local = new BinaryWriter(output);
        var central = new BinaryWriter(centralBytes);
        foreach (var e in entries)
        {
            var name = Encoding.UTF8.GetBytes(e.Name);
            var stored = e.Deflate ? Compress(e.Data) : e.Data;
            var size = (uint)(e.DeclaredSize ?? e.Data.Length);
            var crc = Crc32(e.Data.AsSpan(0, (int)Math.Min(size, (uint)e.Data.Length)));
            var method = (ushort)(e.Deflate ? 8 : 0);
            var flags = (ushort)(e.Flags | Utf8Names);
            var offset = (uint)output.Position;

            local.Write(0x04034b50u);
            local.Write((ushort)20); // version needed
            local.Write(flags);
            local.Write(method);
            local.Write((ushort)0); // time
            local.Write(DosDate1980);
            local.Write(crc);
            local.Write((uint)stored.Length);
            local.Write(size);
            local.Write((ushort)name.Length);
            local.Write((ushort)0); // extra
            local.Write(name);
            local.Write(stored);

            central.Write(0x02014b50u);
            central.Write((ushort)20); // version made by
            central.Write((ushort)20); // version needed
            central.Write(flags);
            central.Write(method);
            central.Write((ushort)0);
            central.Write(DosDate1980);
            central.Write(crc);
            central.Write((uint)stored.Length);
            central.Write(size);
            central.Write((ushort)name.Length);
            central.Write((ushort)0); // extra
            central.Write((ushort)0); // comment
            central.Write((ushort)0); // disk
            central.Write((ushort)0); // internal attributes
            central.Write(0u); // external attributes
            central.Write(offset);
            central.Write(name);
        }
        local.Flush();
        central.Flush();
        var directoryOffset = (uint)output.Position;
        centralBytes.WriteTo(output);
        var count = (ushort)(declaredCount ?? entries.Count);
        local.Write(0x06054b50u);
        local.Write((ushort)0); // this disk
        local.Write((ushort)0); // the directory's disk
        local.Write(count);
        local.Write(count);
        local.Write((uint)centralBytes.Length);
        local.Write(directoryOffset);
        local.Write((ushort)0); // comment
        local.Flush();
        return output.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(data);
        return buffer.ToArray();
    }

    // Bit by bit (polynomial 0xEDB88320): slow, but only small texts are summed (of a bomb, only its declared first bytes).
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
