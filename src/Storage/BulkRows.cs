using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Outreach.Storage;

/// <summary>
/// High-volume rows of one entity type (a campaign's targets, its delivery attempts, timeline entries): one prepared
/// statement, built from the EF model (table, columns, type mappings, value converters) and executed row after row on
/// the context's connection, inside the caller's transaction, with no change tracking: inserts, updates by key or by
/// a unique index's columns (with guards such as "only forward"), and reads by key. SaveChanges costs tens of
/// microseconds of bookkeeping per row, and an EF set-based update or query over a list of keys parses its SQL and a
/// JSON list of the keys every time; a bound statement costs a few microseconds a row. On SQLite the statement is stepped on the connection's handle and kept
/// with it (<see cref="SqliteRowStatement"/>), as the residents import does: binding through Microsoft.Data.Sqlite's
/// parameters looked every parameter up by name and allocated a binder per value. Low-volume writes of rich entities
/// stay with SaveChanges.
/// </summary>
public static class BulkRows
{
    private static readonly ConcurrentDictionary<(IModel Model, Type Type, string Key), Statement> Statements = new();
    private static readonly ConcurrentDictionary<(IModel Model, Type Type), Lookup> Lookups = new();

    /// <summary>
    /// Inserts the rows and returns those it inserted; a row that collides with a unique index is skipped (ON CONFLICT
    /// DO NOTHING, on SQLite and PostgreSQL alike), because a concurrent worker or an earlier run already wrote it. A
    /// store-generated key is read back into each inserted row.
    /// </summary>
    public static Task<IReadOnlyList<T>> InsertRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.InsertRowsAsync(db.Model, rows, cancellationToken);
    }

    /// <summary>
    /// The same for rows of an entity that <paramref name="model"/> maps, another module's table in the same database:
    /// written on <paramref name="db"/>'s connection and in its transaction, without a second context per call.
    /// </summary>
    public static async Task<IReadOnlyList<T>> InsertRowsAsync<T>(this DbContext db, IModel model, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return rows;
        }

        var statement = Statements.GetOrAdd((model, typeof(T), "insert"), key => Statement.Insert(db, key.Model, key.Type));
        var inserted = new List<T>(rows.Count);
        await statement.RunAsync(db, rows, inserted, cancellationToken);
        return inserted;
    }

    /// <summary>Whether rows of <typeparamref name="T"/> are written on SQLite's handle directly, not through Microsoft.Data.Sqlite's commands.</summary>
    public static bool WritesOnSqliteHandle<T>(DbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite() && SqliteRowStatement.Available
            && Statements.GetOrAdd((db.Model, typeof(T), "insert"), key => Statement.Insert(db, key.Model, key.Type)).BindsOnSqliteHandle;
    }

    /// <summary>Whether rows of <typeparamref name="T"/> are found by key on SQLite's handle directly, not through EF's query.</summary>
    public static bool ReadsOnSqliteHandle<T>(DbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsSqlite() && SqliteRowStatement.Available && LookupOf<T>(db).ReadsOnSqliteHandle;
    }

    /// <summary>Sets the named properties of each row, found by its primary key, to the row's values.</summary>
    public static async Task UpdateRowsAsync<T>(this DbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> properties, CancellationToken cancellationToken)
        where T : class
        => await db.UpdateRowsWhereAsync(rows, properties, [], cancellationToken);

    /// <summary>
    /// Sets the named properties of each row, found by its primary key, where the stored row meets every guard (a status
    /// only moves forward, an outcome is only set while pending); returns the rows it changed.
    /// </summary>
    public static async Task<IReadOnlyList<T>> UpdateRowsWhereAsync<T>(
        this DbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> properties, IReadOnlyList<RowGuard> guards, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(guards);
        return await db.UpdateRowsCoreAsync(db.Model, rows, properties, null, guards, cancellationToken);
    }

    /// <summary>
    /// Sets the named properties of each row of an entity that <paramref name="model"/> maps (another module's table, as
    /// for <see cref="InsertRowsAsync{T}(DbContext, IModel, IReadOnlyList{T}, CancellationToken)"/>), found not by its
    /// key but by the columns of a unique index, <paramref name="match"/>; returns the rows it changed.
    /// </summary>
    public static async Task<IReadOnlyList<T>> UpdateRowsMatchingAsync<T>(
        this DbContext db, IModel model, IReadOnlyList<T> rows, IReadOnlyList<string> properties, IReadOnlyList<string> match, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(match);
        return await db.UpdateRowsCoreAsync(model, rows, properties, match, [], cancellationToken);
    }

    private static async Task<IReadOnlyList<T>> UpdateRowsCoreAsync<T>(
        this DbContext db, IModel model, IReadOnlyList<T> rows, IReadOnlyList<string> properties, IReadOnlyList<string>? match, IReadOnlyList<RowGuard> guards, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var key = $"update:{string.Join(',', properties)} match:{string.Join(',', match ?? [])} where:{string.Join(',', guards)}";
        var statement = Statements.GetOrAdd((model, typeof(T), key), k => Statement.Update(db, k.Model, k.Type, properties, match, guards));
        var updated = new List<T>(rows.Count);
        await statement.RunAsync(db, rows, updated, cancellationToken);
        return updated;
    }

    /// <summary>
    /// The rows with these primary keys (those that exist), without change tracking. On SQLite a prepared statement is
    /// stepped once per key on the connection's handle and the row read by position (EF's query for a batch of keys
    /// parses its SQL and a JSON list of the keys, and looks its plan up, every time); elsewhere, or for an entity with
    /// a column type the direct path does not read, it is EF's query.
    /// </summary>
    public static async Task<List<T>> FindRowsAsync<T, TKey>(this DbContext db, IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
        where T : class
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var lookup = LookupOf<T>(db);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && lookup.ReadsOnSqliteHandle && SqliteRowStatement.Available)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return lookup.Read<T, TKey>(sqlite, keys, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return await db.Set<T>().AsNoTracking().Where(row => keys.Contains(EF.Property<TKey>(row, lookup.KeyName))).ToListAsync(cancellationToken);
    }

    private static Lookup LookupOf<T>(DbContext db) => Lookups.GetOrAdd((db.Model, typeof(T)), k => Lookup.For(db, k.Type));

    /// <summary>A prepared <c>SELECT</c> of every mapped column of one row by its key, and how each column is read back.</summary>
    private sealed class Lookup(string sql, IProperty key, IReadOnlyList<IProperty> columns)
    {
        private readonly Action<SqliteRowStatement, int, object>? keyBinder = SqliteBindersOf([key])?[0];
        private readonly Func<SqliteRowStatement, int, object>?[] readers = [.. columns.Select(SqliteReaderOf)];
        private readonly ValueConverter?[] converters = [.. columns.Select(c => c.GetRelationalTypeMapping().Converter)];
        private readonly Action<object, object?>?[] setters = [.. columns.Select(SetterOf)];

        public string KeyName => key.Name;

        public bool ReadsOnSqliteHandle => keyBinder is not null && readers.All(r => r is not null) && setters.All(s => s is not null);

        public static Lookup For(DbContext db, Type type)
        {
            var entity = EntityOf(db.Model, type);
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var columns = entity.GetProperties().Where(p => !p.IsShadowProperty()).ToList();
            var sql = db.GetService<ISqlGenerationHelper>();
            var text = $"SELECT {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))} "
                + $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = {ParameterName(0)}";
            return new Lookup(text, key, columns);
        }

        public List<T> Read<T, TKey>(SqliteConnection connection, IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
            where T : class
            where TKey : notnull
        {
            var converter = key.GetRelationalTypeMapping().Converter;
            var rows = new List<T>(keys.Count);
            var statement = SqliteRowStatement.Reused(connection, sql, [ParameterName(0)]);
            foreach (var value in keys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                keyBinder!(statement, 0, converter?.ConvertToProvider(value) ?? value);
                if (!statement.Read())
                {
                    continue;
                }

                // Reset even when a value cannot be read: a kept statement left on a row would hold its handle's read snapshot.
                try
                {
                    var row = (T)Activator.CreateInstance(typeof(T), nonPublic: true)!;
                    for (var i = 0; i < readers.Length; i++)
                    {
                        var stored = statement.IsNull(i) ? null : readers[i]!(statement, i);
                        setters[i]!(row, stored is null ? null : converters[i]?.ConvertFromProvider(stored) ?? stored);
                    }

                    rows.Add(row);
                }
                finally
                {
                    statement.Reset();
                }
            }

            return rows;
        }

        /// <summary>Sets the property from a boxed value (null only for a nullable one); null for a property without a setter.</summary>
        private static Action<object, object?>? SetterOf(IProperty property)
        {
            if (property.PropertyInfo is not { CanWrite: true } info)
            {
                return null;
            }

            var row = Expression.Parameter(typeof(object));
            var value = Expression.Parameter(typeof(object));
            var assign = Expression.Assign(Expression.Property(Expression.Convert(row, info.DeclaringType!), info), Expression.Convert(value, info.PropertyType));
            return Expression.Lambda<Action<object, object?>>(assign, row, value).Compile();
        }

        /// <summary>How a column's provider value is read from SQLite's row, as Microsoft.Data.Sqlite would read it; null if its type is not covered.</summary>
        private static Func<SqliteRowStatement, int, object>? SqliteReaderOf(IProperty column)
        {
            var mapping = column.GetRelationalTypeMapping();
            var provider = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            var type = Nullable.GetUnderlyingType(provider) ?? provider;
            return type switch
            {
                _ when type == typeof(string) => static (s, c) => s.GetText(c),
                _ when type == typeof(long) => static (s, c) => s.GetInteger(c),
                _ when type == typeof(int) => static (s, c) => checked((int)s.GetInteger(c)),
                _ when type == typeof(short) => static (s, c) => checked((short)s.GetInteger(c)),
                _ when type == typeof(byte) => static (s, c) => checked((byte)s.GetInteger(c)),
                _ when type == typeof(bool) => static (s, c) => s.GetInteger(c) != 0,
                _ when type == typeof(double) => static (s, c) => s.GetReal(c),
                _ when type == typeof(float) => static (s, c) => (float)s.GetReal(c),
                _ when type == typeof(DateOnly) => static (s, c) => DateOnly.ParseExact(s.GetText(c), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ when type.IsEnum => (s, c) => Enum.ToObject(type, s.GetInteger(c)),
                _ => null,
            };
        }
    }

    private sealed class Statement(string sql, IReadOnlyList<IProperty> parameters, IProperty? generatedKey)
    {
        private readonly RelationalTypeMapping[] mappings = [.. parameters.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping())];
        private readonly IClrPropertyGetter[] getters = [.. parameters.Select(p => p.GetGetter())];
        private readonly string[] parameterNames = [.. parameters.Select((_, i) => ParameterName(i))];

        // On SQLite, each column's provider value bound straight onto the statement; null when a column has a type the
        // direct path does not bind as Microsoft.Data.Sqlite would (then every row goes through its commands).
        private readonly Action<SqliteRowStatement, int, object>[]? sqliteBinders = SqliteBindersOf(parameters);

        public bool BindsOnSqliteHandle => sqliteBinders is not null;

        public static Statement Insert(DbContext db, IModel model, Type type)
        {
            var entity = EntityOf(model, type);
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
            var columns = entity.GetProperties().Where(p => !p.IsShadowProperty() && p != key).ToList();
            var sql = db.GetService<ISqlGenerationHelper>();
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => ParameterName(i)))}) ON CONFLICT DO NOTHING"
                + (key is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}");
            return new Statement(text, columns, key);
        }

        /// <summary>An update of <paramref name="properties"/> where the row's <paramref name="match"/> columns (by default its key) and guards hold.</summary>
        public static Statement Update(DbContext db, IModel model, Type type, IReadOnlyList<string> properties, IReadOnlyList<string>? match, IReadOnlyList<RowGuard> guards)
        {
            var entity = EntityOf(model, type);
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            IProperty PropertyOf(string name, string parameter) => entity.FindProperty(name) ?? throw new ArgumentException($"{type.Name} has no property {name}.", parameter);
            var set = properties.Select(p => PropertyOf(p, nameof(properties))).ToList();
            IReadOnlyList<IProperty> keys = match is null ? entity.FindPrimaryKey()!.Properties : [.. match.Select(m => PropertyOf(m, nameof(match)))];
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);

            // Parameters: the set values, then the keys, then any guard that compares with a row value not among them.
            var parameters = new List<IProperty>([.. set, .. keys]);
            int ParameterOf(IProperty property)
            {
                var at = parameters.IndexOf(property);
                if (at < 0)
                {
                    parameters.Add(property);
                    at = parameters.Count - 1;
                }

                return at;
            }

            var conditions = keys.Select(k => $"{Column(k)} = {ParameterName(ParameterOf(k))}").ToList();
            foreach (var guard in guards)
            {
                var property = PropertyOf(guard.Property, nameof(guards));
                conditions.Add(guard.Kind switch
                {
                    RowGuardKind.BelowRow => $"{Column(property)} < {ParameterName(ParameterOf(property))}",
                    RowGuardKind.EqualsRow => $"{Column(property)} = {ParameterName(ParameterOf(property))}",
                    RowGuardKind.EqualsValue => $"{Column(property)} = {((RelationalTypeMapping)property.GetRelationalTypeMapping()).GenerateSqlLiteral(guard.Value)}",
                    _ => throw new ArgumentOutOfRangeException(nameof(guards), guard.Kind, "Unknown guard."),
                });
            }

            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", set.Select((c, i) => $"{Column(c)} = {ParameterName(i)}"))} "
                + $"WHERE {string.Join(" AND ", conditions)}";
            return new Statement(text, parameters, null);
        }

        /// <summary>
        /// Binds each row in turn and executes the statement; rows it wrote go to <paramref name="written"/>, with their
        /// store-generated key read back.
        /// </summary>
        public async Task RunAsync<T>(DbContext db, IReadOnlyList<T> rows, List<T>? written, CancellationToken cancellationToken)
            where T : class
        {
            var transaction = db.Database.CurrentTransaction
                ?? throw new InvalidOperationException("Bulk rows are written inside the caller's transaction.");
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite && sqliteBinders is { } binders && SqliteRowStatement.Available)
            {
                Run(sqlite, binders, rows, written, cancellationToken);
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = sql;
            var bound = parameters.Select((p, i) => mappings[i].CreateParameter(command, parameterNames[i], null, p.IsNullable)).ToArray();
            command.Parameters.AddRange(bound);
            var prepared = false;
            foreach (var row in rows)
            {
                for (var i = 0; i < bound.Length; i++)
                {
                    bound[i].Value = ProviderValue(row, i) ?? DBNull.Value;
                }

                if (!prepared)
                {
                    await command.PrepareAsync(cancellationToken);
                    prepared = true;
                }

                var wrote = generatedKey is null
                    ? await command.ExecuteNonQueryAsync(cancellationToken) > 0
                    : TakeKey(row, await command.ExecuteScalarAsync(cancellationToken));
                if (wrote)
                {
                    written?.Add(row);
                }
            }
        }

        /// <summary>The same on SQLite's handle: SQLite's steps are synchronous, and the connection holds the caller's transaction.</summary>
        private void Run<T>(SqliteConnection connection, Action<SqliteRowStatement, int, object>[] binders, IReadOnlyList<T> rows, List<T>? written, CancellationToken cancellationToken)
            where T : class
        {
            var statement = SqliteRowStatement.Reused(connection, sql, parameterNames);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < binders.Length; i++)
                {
                    if (ProviderValue(row, i) is { } value)
                    {
                        binders[i](statement, i, value);
                    }
                    else
                    {
                        statement.SetNull(i);
                    }
                }

                var wrote = generatedKey is null ? statement.Execute() > 0 : TakeKey(row, statement.ExecuteReturningInteger());
                if (wrote)
                {
                    written?.Add(row);
                }
            }
        }

        private object? ProviderValue(object row, int column)
        {
            var value = getters[column].GetClrValueUsingContainingEntity(row);
            return value is null ? null : mappings[column].Converter?.ConvertToProvider(value) ?? value;
        }

        /// <summary>Sets the row's store-generated key; false when the insert was skipped (no key came back).</summary>
        private bool TakeKey(object row, object? id)
        {
            if (id is null or DBNull)
            {
                return false;
            }

            generatedKey!.PropertyInfo!.SetValue(row, Convert.ChangeType(id, generatedKey.ClrType, CultureInfo.InvariantCulture));
            return true;
        }



    }

    private static string ParameterName(int index) => $"@p{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>How each column's provider value is bound on SQLite's handle, as Microsoft.Data.Sqlite would bind it; null if any column's type is not covered.</summary>
    private static Action<SqliteRowStatement, int, object>[]? SqliteBindersOf(IReadOnlyList<IProperty> columns)
    {
        var binders = new Action<SqliteRowStatement, int, object>[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var mapping = columns[i].GetRelationalTypeMapping();
            var provider = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            var type = Nullable.GetUnderlyingType(provider) ?? provider;
            Action<SqliteRowStatement, int, object>? binder = type switch
            {
                _ when type == typeof(string) => static (s, p, v) => s.SetText(p, (string)v),
                _ when type == typeof(long) => static (s, p, v) => s.SetInteger(p, (long)v),
                _ when type == typeof(int) => static (s, p, v) => s.SetInteger(p, (int)v),
                _ when type == typeof(short) => static (s, p, v) => s.SetInteger(p, (short)v),
                _ when type == typeof(byte) => static (s, p, v) => s.SetInteger(p, (byte)v),
                _ when type == typeof(bool) => static (s, p, v) => s.SetInteger(p, (bool)v ? 1 : 0),
                _ when type == typeof(double) => static (s, p, v) => s.SetReal(p, (double)v),
                _ when type == typeof(float) => static (s, p, v) => s.SetReal(p, (float)v),
                _ when type == typeof(DateOnly) => static (s, p, v) => s.SetDate(p, (DateOnly)v),
                _ when type.IsEnum => static (s, p, v) => s.SetInteger(p, Convert.ToInt64(v, CultureInfo.InvariantCulture)),
                _ => null,
            };
            if (binder is null)
            {
                return null;
            }

            binders[i] = binder;
        }

        return binders;
    }

    private static IEntityType EntityOf(IModel model, Type type)
        => model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of the model.");
}

/// <summary>A condition the stored row must meet for <see cref="BulkRows.UpdateRowsWhereAsync{T}"/> to change it.</summary>
public sealed record RowGuard(string Property, RowGuardKind Kind, object? Value = null)
{
    /// <summary>The stored value is below the row's (the new value of a rank that only moves forward).</summary>
    public static RowGuard Below(string property) => new(property, RowGuardKind.BelowRow);

    /// <summary>The stored value equals the row's.</summary>
    public static RowGuard Same(string property) => new(property, RowGuardKind.EqualsRow);

    /// <summary>The stored value equals <paramref name="value"/>.</summary>
    public static RowGuard Is(string property, object value) => new(property, RowGuardKind.EqualsValue, value);

    public override string ToString() => $"{Property} {Kind} {Value}";
}

public enum RowGuardKind
{
    BelowRow,
    EqualsRow,
    EqualsValue,
}
