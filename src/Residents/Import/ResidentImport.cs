namespace Outreach.Residents.Import;

/// <summary>
/// One uploaded archive file and its progress. Counters are committed together with each batch, so a
/// rerun of the job resumes after <see cref="ProcessedRows"/> instead of counting rows twice.
/// </summary>
public sealed class ResidentImport
{
    public int Id { get; set; }

    public string? FileName { get; set; }

    public ResidentImportStatus Status { get; set; }

    /// <summary>The encoding the file was read with: utf-8, utf-8 (BOM), gb18030.</summary>
    public string Encoding { get; set; } = "utf-8";

    /// <summary>Data rows in the file (lines that are not the header and not blank).</summary>
    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Rejected { get; set; }

    /// <summary>Header columns the archive has no place for, listed so the clerk knows they were not read.</summary>
    public string? IgnoredColumns { get; set; }

    /// <summary>Why the whole import failed, when it did.</summary>
    public string? Error { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>
    /// The communities whose residents this import may create and update: the uploader's scope when it was accepted.
    /// Null: every community (street admins, integrations with a street-wide key).
    /// </summary>
    public List<int>? CommunityIds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// The run of the import job that holds the import (a new id per run), until <see cref="LeaseUntil"/>. Only that run
    /// commits batches; it renews the lease with each one. Null when no run holds it.
    /// </summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the holder's lease runs out, if it has not renewed it: a run that died is taken over after this.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
