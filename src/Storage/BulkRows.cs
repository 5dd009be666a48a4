using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Outreach.Storage;

/// <summary>
/// High-volume writes of one entity type (a campaign's targets, its delivery attempts, timeline entries): one prepared
/// statement, built from the EF model (table, columns, type mappings, value converters) and executed row after row on
/// the context's connection, inside the caller's transaction, with no change tracking. SaveChanges costs tens of
/// microseconds of bookkeeping per row; a bound statement costs a few.
/// Low-volume writes of rich entities stay with SaveChanges.
/// </summary>
public static class BulkRows
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type, string Key), Statement> Statements = new();

    /// <summary>
    /// Inserts the rows and returns those it inserted; a row that collides with a unique index is skipped (ON CONFLICT
    /// DO NOTHING, on SQLite and PostgreSQL alike), because a concurrent worker or an earlier run already wrote it. A
    /// store-generated key is read back into each inserted row.
    /// </summary>
    public static async Task<IReadOnlyList<T>> InsertRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return rows;
        }

        var statement = Statements.GetOrAdd((db.Model, typeof(T), "insert"), key => Statement.Insert(db, key.Type));
        var inserted = new List<T>(rows.Count);
        await statement.RunAsync(db, rows, async (command, row) =>
        {
            if (statement.GeneratedKey is not { } generated)
            {
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
            }

            var id = await command.ExecuteScalarAsync(cancellationToken);
            if (id is null or DBNull)
            {
                return false;
            }

            generated.PropertyInfo!.SetValue(row, Convert.ChangeType(id, generated.ClrType, CultureInfo.InvariantCulture));
            return true;
        }, inserted, cancellationToken);
        return inserted;
    }

    /// <summary>Sets the named properties of each row, found by its primary key, to the row's values.</summary>
    public static async Task UpdateRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> properties, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(properties);
        if (rows.Count == 0)
        {
            return;
        }

        var statement = Statements.GetOrAdd((db.Model, typeof(T), "update:" + string.Join(',', properties)), key => Statement.Update(db, key.Type, properties));
        await statement.RunAsync(db, rows, async (command, _) => await command.ExecuteNonQueryAsync(cancellationToken) > 0, null, cancellationToken);
    }

    private sealed class Statement(string sql, IReadOnlyList<IProperty> parameters, IProperty? generatedKey)
    {
        private readonly RelationalTypeMapping[] mappings = [.. parameters.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping())];
        private readonly IClrPropertyGetter[] getters = [.. parameters.Select(p => p.GetGetter())];

        public IProperty? GeneratedKey => generatedKey;

        public static Statement Insert(DbContext db, Type type)
        {
            var entity = EntityOf(db, type);
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
            var columns = entity.GetProperties().Where(p => !p.IsShadowProperty() && p != key).ToList();
            var sql = db.GetService<ISqlGenerationHelper>();
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) ON CONFLICT DO NOTHING"
                + (key is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}");
            return new Statement(text, columns, key);
        }

        public static Statement Update(DbContext db, Type type, IReadOnlyList<string> properties)
        {
            var entity = EntityOf(db, type);
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var set = properties.Select(p => entity.FindProperty(p) ?? throw new ArgumentException($"{type.Name} has no property {p}.", nameof(properties))).ToList();
            var keys = entity.FindPrimaryKey()!.Properties;
            var sql = db.GetService<ISqlGenerationHelper>();
            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", set.Select((c, i) => $"{sql.DelimitIdentifier(c.GetColumnName(table)!)} = @p{i}"))} "
                + $"WHERE {string.Join(" AND ", keys.Select((k, i) => $"{sql.DelimitIdentifier(k.GetColumnName(table)!)} = @p{set.Count + i}"))}";
            return new Statement(text, [.. set, .. keys], null);
        }

        /// <summary>Binds each row in turn and runs <paramref name="execute"/>; rows it reports as written go to <paramref name="written"/>.</summary>
        public async Task RunAsync<T>(DbContext db, IReadOnlyList<T> rows, Func<DbCommand, T, Task<bool>> execute, List<T>? written, CancellationToken cancellationToken)
            where T : class
        {
            var transaction = db.Database.CurrentTransaction
                ?? throw new InvalidOperationException("Bulk rows are written inside the caller's transaction.");
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = sql;
            var bound = parameters.Select((p, i) => mappings[i].CreateParameter(command, $"@p{i}", null, p.IsNullable)).ToArray();
            command.Parameters.AddRange(bound);
            var prepared = false;
            foreach (var row in rows)
            {
                for (var i = 0; i < bound.Length; i++)
                {
                    var value = getters[i].GetClrValueUsingContainingEntity(row);
                    bound[i].Value = value is null ? DBNull.Value : mappings[i].Converter?.ConvertToProvider(value) ?? value;
                }

                if (!prepared)
                {
                    await command.PrepareAsync(cancellationToken);
                    prepared = true;
                }

                if (await execute(command, row))
                {
                    written?.Add(row);
                }
            }
        }

        private static IEntityType EntityOf(DbContext db, Type type)
            => db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of {db.GetType().Name}.");
    }
}
