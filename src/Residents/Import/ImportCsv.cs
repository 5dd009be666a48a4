using CsvHelper;

namespace Outreach.Residents.Import;

/// <summary>Opens an uploaded archive file as CSV in the encoding it was saved in.</summary>
internal static class ImportCsv
{
    public static CsvReader Open(byte[] content, out string encodingName)
    {
        var (encoding, name, skip) = ImportFileEncoding.Detect(content);
        encodingName = name;
        return CsvReader.Create(content.AsMemory(skip), new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            Encoding = encoding,
            // Rows stay alive until the writing thread has them (a chunk and the one being read), and a collection stops
            // that thread: a column's repeated values (community, building, language, tags …) are read as one string each.
            PoolStrings = true,
        });
    }

    /// <summary>Checks the header and counts the data rows, so the import's progress has a total from the start.</summary>
    public static (string Encoding, int Rows, IReadOnlyList<string> Ignored) Inspect(byte[] content)
    {
        using var csv = Open(content, out var encoding);
        IReadOnlyList<string> headers;
        try
        {
            headers = csv.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new ResidentImportFileException($"the file is not valid CSV: {ex.Message}", ex);
        }

        var columns = ImportColumns.Map(headers);
        var rows = 0;
        while (csv.Read())
        {
            if (!ImportRowReader.IsBlank(csv))
            {
                rows++;
            }
        }

        return (encoding, rows, columns.Ignored);
    }
}
