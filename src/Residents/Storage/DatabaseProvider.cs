namespace Outreach.Residents.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
