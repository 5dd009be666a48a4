using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.EndToEnd;

/// <summary>The real server with every module and Hangfire on a fresh database of the test process's PostgreSQL cluster.</summary>
public sealed class PostgreSqlOutreachHost : OutreachHost
{
    protected override Task<DatabaseOptions> CreateDatabaseAsync(TestDatabase sqlite) => PostgresCluster.CreateDatabaseAsync();
}
