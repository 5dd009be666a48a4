using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Export;

/// <summary>
/// Streams residents as CSV in chunks of <see cref="ChunkSize"/> (keyset paging by id), so the whole archive is
/// never held in memory. The columns are the ones the import reads, so an exported file imports back unchanged.
/// </summary>
public sealed class ResidentCsvExport(ResidentDirectory directory, ResidentsDbContext db)
{
    public const int ChunkSize = 1000;

    private static readonly string[] FixedColumns =
        ["external_id", "name", "phone", "second_phone", "community", "grid", "building", "unit", "household", "birth_date", "gender", "language", "channel", "tags"];

    /// <summary>Writes UTF-8 with a byte order mark (Excel then shows Chinese correctly). An empty audience exports the whole archive, opted-out residents included.</summary>
    public async Task WriteAsync(Stream destination, AudienceExpression audience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var residents = audience.Root is null ? directory.Residents : directory.InAudience(audience);
        var dateNames = await db.ResidentDates.AsNoTracking().Select(d => d.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        await WriteRowAsync(csv, [.. FixedColumns, .. dateNames.Select(DateColumn)], cancellationToken);

        var lastId = 0;
        while (true)
        {
            var after = lastId;
            var chunk = await residents.Where(r => r.Id > after).OrderBy(r => r.Id).Take(ChunkSize)
                .Select(r => new { Resident = r, Community = r.Community!.Name, r.Dates })
                .ToListAsync(cancellationToken);
            foreach (var row in chunk)
            {
                var r = row.Resident;
                await WriteRowAsync(csv,
                [
                    r.ExternalId, r.Name, r.Phone, r.SecondPhone, row.Community, r.Grid, r.Building, r.Unit, r.Household,
                    r.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Gender, r.Language,
                    r.PreferredChannel.ToString().ToLowerInvariant(), string.Join('|', r.Tags),
                    .. dateNames.Select(name => row.Dates.FirstOrDefault(d => d.Name == name)?.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ], cancellationToken);
            }

            if (chunk.Count < ChunkSize)
            {
                break;
            }

            lastId = chunk[^1].Resident.Id;
            await csv.FlushAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Kestrel forbids synchronous writes, so records end with the async call, which flushes when the buffer fills.</summary>
    internal static async Task WriteRowAsync(CsvWriter csv, IEnumerable<string?> fields, CancellationToken cancellationToken)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
    }

    /// <summary>A date field's column: its own name when the import recognises it as a date, else "date:name".</summary>
    private static string DateColumn(string name) => ImportColumns.DateFieldName(name) == name ? name : "date:" + name;
}
