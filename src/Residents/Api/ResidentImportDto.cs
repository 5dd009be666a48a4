using Outreach.Residents.Import;

namespace Outreach.Residents.Api;

/// <summary>An import's progress and counts; <see cref="Percent"/> drives the console's progress bar.</summary>
public sealed record ResidentImportDto(
    int Id,
    ResidentImportStatus Status,
    string? FileName,
    string Encoding,
    int TotalRows,
    int ProcessedRows,
    int Percent,
    int Created,
    int Updated,
    int Rejected,
    string? IgnoredColumns,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string RejectedRowsUrl)
{
    public static ResidentImportDto From(ResidentImport i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var percent = i.Status == ResidentImportStatus.Completed ? 100 : i.TotalRows == 0 ? 0 : (int)(100L * i.ProcessedRows / i.TotalRows);
        return new(i.Id, i.Status, i.FileName, i.Encoding, i.TotalRows, i.ProcessedRows, percent, i.Created, i.Updated, i.Rejected,
            i.IgnoredColumns, i.Error, i.CreatedAt, i.StartedAt, i.CompletedAt, $"/api/residents/imports/{i.Id}/rejected.csv");
    }
}
