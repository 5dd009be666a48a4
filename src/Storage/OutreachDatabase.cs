using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Outreach.Storage;

/// <summary>
/// The one place that points a module's DbContext at the configured database. Every module keeps its
/// own DbContext and migrations history table in the same database.
/// </summary>
public static class OutreachDatabase
{
    /// <summary>
    /// Registers a module's DbContext on the configured database. Its options are built once: left scoped (EF's
    /// default), every request that touched the database built them again, parsing the connection string and creating
    /// the data folder each time.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string module)
        where TContext : DbContext
        => services.AddDbContext<TContext>(
            (sp, options) => Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, module),
            optionsLifetime: ServiceLifetime.Singleton);

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string module)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var history = $"__ef_migrations_{module.ToLowerInvariant()}";
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(options.ConnectionString);
                builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(history))
                    .AddInterceptors(SqliteConnectionSettings.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(history));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or PostgreSql.");
        }

        builder.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>
    /// The database a design-time factory builds against: SQLite, or PostgreSQL when `dotnet ef` is given
    /// `-- --provider PostgreSql` (then migrations go to Storage/PostgreSqlMigrations).
    /// </summary>
    public static DatabaseOptions DesignTime(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--provider");
        return at >= 0 && at + 1 < args.Length && Enum.Parse<DatabaseProvider>(args[at + 1], ignoreCase: true) == DatabaseProvider.PostgreSql
            ? new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=localhost;Database=outreach_design_time" }
            : new DatabaseOptions { ConnectionString = "Data Source=design-time.db" };
    }

    /// <summary>
    /// SQLite cannot compare or order DateTimeOffset columns; store them as sortable UTC ticks there.
    /// Call from each module's ConfigureConventions.
    /// </summary>
    public static void ApplyConventions(DbContext context, ModelConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configuration);
        if (context.Database.IsSqlite())
        {
            configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
