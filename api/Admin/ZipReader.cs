using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OutlookSayNo.Admin;

/// <summary>A strict reader for the small zips a catalog import takes, reading the zip's records itself
/// because ZipArchive trusts them: it stops inflating at the size a header declares (so whatever lies
/// behind is silently dropped), reads an encrypted entry as if it were plain, and only finds a miscounted
/// directory when the entries are enumerated. Here an entry must inflate to exactly its declared size and
/// CRC, and encryption, zip64, multi-disk zips and a directory that does not hold the entries its end
/// record counts are refused. Errors name the entry.</summary>
internal static class ZipReader
{
    public sealed record Entry(string Name, ushort Flags, ushort Method, uint Crc, long CompressedSize, long Size, long LocalHeaderOffset, byte[] RawName)
    {
        public bool IsFolder => Name.EndsWith('/') || Name.EndsWith('\\');
    }

    private const uint EndSignature = 0x06054b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;
    private const int EndSize = 22;
    private const int CentralSize = 46;
    private const int LocalSize = 30;
    private const ushort Encrypted = 0x0001;
    private const ushort StrongEncryption = 0x0040;
    private const ushort Utf8Names = 0x0800;
    private const ushort Stored = 0;
    private const ushort Deflated = 8;

    /// <summary>The entries the central directory lists, or why the zip cannot be trusted.</summary>
    public static (List<Entry> Entries, string? Error) ReadDirectory(byte[] zip, int maxEntries)
    {
        var end = FindEnd(zip);
        if (end < 0) return ([], "The body is not a zip file.");
        var span = zip.AsSpan();
        var disk = U16(span, end + 4);
        var directoryDisk = U16(span, end + 6);
        var onThisDisk = U16(span, end + 8);
        var declared = U16(span, end + 10);
        var directorySize = U32(span, end + 12);
        var directoryOffset = U32(span, end + 16);
        if (declared == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
            return ([], "The zip is a zip64 archive; a catalog is small enough for a plain zip (export it again).");
        if (disk != 0 || directoryDisk != 0) return ([], "The zip spans several disks; send it as one file.");
        if (onThisDisk != declared) return ([], $"The zip is damaged: its end record says it has {declared} entries and also {onThisDisk}.");
        if (declared > maxEntries) return ([], $"The zip has {declared} entries; at most {maxEntries}.");
        if (directoryOffset + (long)directorySize > end) return ([], "The zip is damaged: its directory lies outside the file.");

        var entries = new List<Entry>();
        long at = directoryOffset;
        var directoryEnd = directoryOffset + (long)directorySize;
        while (at < directoryEnd)
        {
            // Counting past the declared number bounds the loop whatever the directory claims.
            if (entries.Count > declared || at + CentralSize > directoryEnd || U32(span, (int)at) != CentralSignature) break;
            var flags = U16(span, (int)at + 8);
            var nameLength = U16(span, (int)at + 28);
            var next = at + CentralSize + nameLength + U16(span, (int)at + 30) + U16(span, (int)at + 32);
            if (next > directoryEnd) break;
            var raw = span.Slice((int)at + CentralSize, nameLength).ToArray();
            var name = Name(raw, flags);
            if (name is null) return ([], "The zip has an entry whose name is not UTF-8 although its header says so.");
            entries.Add(new Entry(name, flags, U16(span, (int)at + 10), U32(span, (int)at + 16), U32(span, (int)at + 20), U32(span, (int)at + 24),
                U32(span, (int)at + 42), raw));
            at = next;
        }
        if (entries.Count != declared)
            return ([], $"The zip is damaged: its end record says it has {declared} entries, but its directory holds {(entries.Count > declared ? "more" : entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        if (at != directoryEnd) return ([], "The zip is damaged: its directory holds more than its entries.");
        // Nothing in an encrypted entry can be checked or read, and a catalog export never has one.
        foreach (var e in entries)
            if ((e.Flags & (Encrypted | StrongEncryption)) != 0) return ([], $"{e.Name} is encrypted; only zips without a password can be imported.");
        return (entries, null);
    }

    /// <summary>The entry's content, which must be exactly the bytes its headers declare, or why not.</summary>
    public static (byte[] Content, string? Error) Extract(byte[] zip, Entry entry, long maxBytes)
    {
        var span = zip.AsSpan();
        var at = entry.LocalHeaderOffset;
        if (at + LocalSize > zip.Length || U32(span, (int)at) != LocalSignature) return ([], $"{entry.Name} is damaged in the zip (no local header).");
        if ((U16(span, (int)at + 6) & (Encrypted | StrongEncryption)) != 0) return ([], $"{entry.Name} is encrypted; only zips without a password can be imported.");
        var nameLength = U16(span, (int)at + 26);
        var start = at + LocalSize + nameLength + U16(span, (int)at + 28);
        if (start + entry.CompressedSize > zip.Length) return ([], $"{entry.Name} is damaged in the zip (its data runs past the end).");
        if (!span.Slice((int)at + LocalSize, nameLength).SequenceEqual(entry.RawName))
            return ([], $"{entry.Name} is named differently in its local header; the zip is damaged or made to mislead.");
        if (entry.Size > maxBytes) return ([], $"{entry.Name} is {entry.Size:N0} bytes; at most {maxBytes:N0}.");

        byte[] content;
        switch (entry.Method)
        {
            case Stored:
                if (entry.CompressedSize != entry.Size)
                    return ([], $"{entry.Name} declares {entry.Size:N0} bytes but stores {entry.CompressedSize:N0}.");
                content = span.Slice((int)start, (int)entry.Size).ToArray();
                break;
            case Deflated:
                // Inflate one byte past the declared size: getting it means the header lies.
                content = new byte[entry.Size + 1];
                int read;
                try
                {
                    using var deflate = new DeflateStream(new MemoryStream(zip, (int)start, (int)entry.CompressedSize, writable: false), CompressionMode.Decompress);
                    read = deflate.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
                }
                catch (InvalidDataException) { return ([], $"{entry.Name} is damaged in the zip."); }
                if (read > entry.Size) return ([], $"{entry.Name} inflates to more than the {entry.Size:N0} bytes its header declares.");
                if (read < entry.Size) return ([], $"{entry.Name} inflates to fewer bytes than its header declares ({read:N0} of {entry.Size:N0}).");
                Array.Resize(ref content, read);
                break;
            default:
                return ([], $"{entry.Name} is compressed with method {entry.Method}; only stored and deflated entries can be read.");
        }
        if (Crc32(content) != entry.Crc) return ([], $"{entry.Name} is damaged in the zip (its checksum does not match).");
        return (content, null);
    }

    /// <summary>The end of central directory record: the last signature whose comment ends exactly at the end of the file.</summary>
    private static int FindEnd(byte[] zip)
    {
        var span = zip.AsSpan();
        for (var at = zip.Length - EndSize; at >= 0 && at >= zip.Length - EndSize - ushort.MaxValue; at--)
            if (U32(span, at) == EndSignature && at + EndSize + U16(span, at + 20) == zip.Length) return at;
        return -1;
    }

    // Names without the UTF-8 flag are in code page 437, which .NET does not carry; as Latin-1 the ASCII
    // names a catalog uses read the same, and any other name is not a document path anyway.
    private static string? Name(byte[] raw, ushort flags)
    {
        if ((flags & Utf8Names) == 0) return Encoding.Latin1.GetString(raw);
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw); }
        catch (DecoderFallbackException) { return null; }
    }

    private static ushort U16(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);
    private static uint U32(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    /// <summary>The zip (IEEE) CRC-32.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
