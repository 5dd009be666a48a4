using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Outreach.Storage;

/// <summary>
/// Settings SQLite keeps per connection handle, applied once to each new handle the pool opens (a pooled handle keeps
/// them, so a logical open costs a lookup, not a statement).
/// <list type="bullet">
/// <item><c>temp_store = MEMORY</c>: statement journals (the pages an UPDATE or INSERT of many rows may have to roll back
/// when it fails half-way) and transient indices stay in memory. On the default, SQLite spills a statement journal over
/// 64 KiB to a temporary file: during a street-sized campaign that was four times as many writes as the database's own
/// log, each a system call. The journals are rolled back within the statement and never needed after a crash, so
/// nothing durable changes.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA temp_store = MEMORY;";

    public static SqliteConnectionSettings Instance { get; } = new();

    private readonly ConditionalWeakTable<sqlite3, object> applied = [];

    private SqliteConnectionSettings()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Pending(connection) is { } sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Pending(connection) is { } sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The connection, when its handle has not had the settings yet (and is marked as having them from now on).</summary>
    private SqliteConnection? Pending(DbConnection connection)
        => connection is SqliteConnection { Handle: { } handle } sqlite && applied.TryAdd(handle, this) ? sqlite : null;
}
