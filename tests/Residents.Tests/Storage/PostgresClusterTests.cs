using Npgsql;
using Outreach.Testing;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Storage;

public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Each_database_is_fresh_and_separate()
    {
        var first = await PostgresCluster.CreateDatabaseAsync();
        var second = await PostgresCluster.CreateDatabaseAsync();

        Assert.Equal(DatabaseProvider.PostgreSql, first.Provider);
        await ExecuteAsync(first, "CREATE TABLE marker (id int)");
        Assert.Equal(1L, await ExecuteAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Equal(0L, await ExecuteAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.True((long)(await ExecuteAsync(first, "SELECT current_setting('server_version_num')::bigint"))! >= 150000);
    }

    private static async Task<object?> ExecuteAsync(DatabaseOptions options, string sql)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
