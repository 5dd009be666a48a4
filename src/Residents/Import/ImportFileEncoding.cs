using System.Text;
using System.Text.Unicode;

namespace Outreach.Residents.Import;

/// <summary>
/// Decides how an uploaded archive file is read: UTF-8 with or without a byte order mark, UTF-16 with one,
/// and otherwise GB18030 (what Chinese Excel and older archive systems save), and refuses what is not CSV text.
/// </summary>
internal static class ImportFileEncoding
{
    static ImportFileEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = GetGb18030();

    /// <summary>The encoding (null for UTF-8), its name for the import record, and how many BOM bytes to skip.</summary>
    public static (Encoding? Encoding, string Name, int Skip) Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReadOnlySpan<byte> bytes = content;
        if (bytes.IsEmpty || bytes.IndexOfAnyExcept(" \r\n\t"u8) < 0)
        {
            throw new ResidentImportFileException("the file is empty");
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new ResidentImportFileException("the file is an Excel workbook, not CSV; in Excel choose Save As > CSV UTF-8 and upload that file");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (null, "utf-8 (BOM)", 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // The reader honours UTF-16 byte order marks itself.
            return (null, "utf-16", 0);
        }

        if (bytes[..Math.Min(bytes.Length, 8192)].Contains((byte)0))
        {
            throw new ResidentImportFileException("the file is not CSV text (it contains binary data)");
        }

        return Utf8.IsValid(bytes) ? (null, "utf-8", 0) : (Gb18030, "gb18030", 0);
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
