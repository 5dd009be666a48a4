namespace Outreach.Residents.Import;

public enum ResidentImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}
