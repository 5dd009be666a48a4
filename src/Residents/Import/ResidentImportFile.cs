namespace Outreach.Residents.Import;

/// <summary>The uploaded bytes, kept in the database so any server that runs the job can read them.</summary>
public sealed class ResidentImportFile
{
    public int ImportId { get; set; }

    public required byte[] Content { get; set; }
}
