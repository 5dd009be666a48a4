using System.Runtime.CompilerServices;
using CsvHelper;

namespace Outreach.Residents.Import;

/// <summary>
/// Reads and checks a file's rows a chunk at a time: a second row for the same person is rejected, and rows that an
/// earlier run of the job committed are checked again (for duplicates) but not handed on.
/// </summary>
internal sealed class ImportChunkReader(CsvReader csv, ImportRowReader reader, bool scoped, int committedRows)
{
    // Keyed by the value alone (no "phone …" text per row), one dictionary per kind of key.
    private readonly Dictionary<string, int> firstLineOfPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> firstLineOfExternalId = new(StringComparer.Ordinal);
    private int seen;

    /// <summary>
    /// Adds rows to <paramref name="chunk"/> until it holds <paramref name="size"/>; false once the file has no more.
    /// Synchronous (the file is in memory) and compiled optimised from its first call: as the loop of an async method it
    /// ran unoptimised until the runtime replaced it mid-loop, and again after each of the method's recompilations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read(List<ImportRow> chunk, int size, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (chunk.Count < size)
        {
            if (!csv.Read())
            {
                return false;
            }

            if (ImportRowReader.IsBlank(csv))
            {
                continue;
            }

            var row = reader.Read(csv, scoped);
            if (row.Error is null)
            {
                // A second row for the same person in one file would silently overwrite the first: reject it instead.
                var (firstLineOf, kind, key) = row.ExternalId is null ? (firstLineOfPhone, "phone", row.Phone) : (firstLineOfExternalId, "external id", row.ExternalId);
                if (!firstLineOf.TryAdd(key, row.Line))
                {
                    row.Error = $"duplicate of line {firstLineOf[key]} (same {kind} {key})";
                    row.Raw ??= ImportRowReader.RawText(csv);
                }
            }

            if (++seen > committedRows)
            {
                chunk.Add(row);
            }
        }

        return true;
    }
}
