using Outreach.Storage;

namespace Outreach.Testing;

/// <summary>A real SQLite database file in a fresh temp folder, deleted on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "outreach-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(Folder, "outreach.db")}" };
    }

    public string Folder { get; }

    public DatabaseOptions Options { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the temp folder is cleaned by the OS.
        }
    }
}
