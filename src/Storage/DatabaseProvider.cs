namespace Outreach.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
