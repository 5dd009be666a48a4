namespace Outreach.Residents.Import;

/// <summary>An uploaded file that cannot be imported at all (not CSV, no name or phone column): a 400 for the clerk.</summary>
public sealed class ResidentImportFileException : Exception
{
    public ResidentImportFileException()
        : base("the file cannot be imported")
    {
    }

    public ResidentImportFileException(string message)
        : base(message)
    {
    }

    public ResidentImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
