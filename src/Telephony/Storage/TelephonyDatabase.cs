using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Outreach.Telephony.Storage;

/// <summary>
/// Points <see cref="TelephonyDbContext"/> at the shared database (configuration section "Database": Provider Sqlite or
/// PostgreSql, ConnectionString), with its own migrations history table. Telephony sits below the Residents module
/// that owns OutreachDatabase, so it reads the same two settings itself.
/// </summary>
public static class TelephonyDatabase
{
    public const string DefaultConnectionString = "Data Source=data/outreach.db";

    public static void Configure(DbContextOptionsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration["Database:ConnectionString"] ?? DefaultConnectionString;
        const string history = "__ef_migrations_telephony";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder && file != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }

            builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(history));
        }
        else if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(history));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or PostgreSql.");
        }
    }
}
