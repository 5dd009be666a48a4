using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Writes import rows with prepared SQL inside the caller's transaction, without change tracking; updates go one
/// row at a time. Table and column names and value conversions come from the EF model, so the SQL follows the
/// migrations. PostgreSQL gets multi-row INSERT … RETURNING statements. SQLite gets single-row statements
/// (<see cref="SqliteImportStatement{T}"/>) with ids assigned here: RETURNING costs about 4× a plain insert there, and
/// multi-row statements were no faster, while the transaction (BEGIN IMMEDIATE) holds the only write lock, so ids
/// after the current maximum are safe.
/// </summary>
internal sealed class ResidentBatchWriter : IDisposable
{
    private static readonly string[] InsertedProperties =
    [
        nameof(Resident.ExternalId), nameof(Resident.Name), nameof(Resident.Phone), nameof(Resident.SecondPhone), nameof(Resident.Language),
        nameof(Resident.PreferredChannel), nameof(Resident.CommunityId), nameof(Resident.Grid), nameof(Resident.Building), nameof(Resident.Unit),
        nameof(Resident.Household), nameof(Resident.BirthDate), nameof(Resident.Gender), nameof(Resident.Tags), nameof(Resident.CreatedAt), nameof(Resident.UpdatedAt),
    ];

    private static readonly string[] DateProperties = [nameof(ResidentDate.ResidentId), nameof(ResidentDate.Name), nameof(ResidentDate.Value)];

    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly ISqlGenerationHelper sql;
    private readonly IEntityType residents;
    private readonly IEntityType dates;
    private readonly Dictionary<int, ImportStatement<RowValues>> inserts = [];
    private readonly Dictionary<int, ImportStatement<(int ResidentId, string Name, DateOnly Value)>> dateUpserts = [];
    private readonly ImportStatement<RowValues> update;
    private readonly int rowsPerStatement;
    private readonly bool assignsIds;
    private int lastId = -1;

    private ResidentBatchWriter(ResidentsDbContext db, ImportColumns columns, DbTransaction transaction)
    {
        assignsIds = db.Database.IsSqlite();
        rowsPerStatement = assignsIds ? 1 : 100;
        connection = db.Database.GetDbConnection();
        this.transaction = transaction;
        sql = db.GetService<ISqlGenerationHelper>();
        residents = db.Model.FindEntityType(typeof(Resident))!;
        dates = db.Model.FindEntityType(typeof(ResidentDate))!;
        // Only the columns the file has are overwritten on update; the others keep what the archive knows.
        // A blank cell in a column that must have a value (language, channel, community) keeps the stored one.
        string Assignment(string p) => p is nameof(Resident.Language) or nameof(Resident.PreferredChannel) or nameof(Resident.CommunityId)
            ? $"{Column(residents, p)} = COALESCE(@{p}, {Column(residents, p)})"
            : $"{Column(residents, p)} = @{p}";
        var updated = UpdatedProperties(columns);
        update = Prepare(
            $"UPDATE {Table(residents)} SET {string.Join(", ", updated.Select(Assignment))} WHERE {Column(residents, nameof(Resident.Id))} = @{nameof(Resident.Id)}",
            1, Bindings(residents, [.. updated, nameof(Resident.Id)], Updated), (_, column) => "@" + (column < updated.Count ? updated[column] : nameof(Resident.Id)));
    }

    /// <summary>Prepares the statements for a file with the given columns, on the context's open connection and transaction.</summary>
    public static ResidentBatchWriter Create(ResidentsDbContext db, ImportColumns columns, DbTransaction transaction) => new(db, columns, transaction);

    /// <summary>Inserts new residents (with their dates); returns their ids in the order of <paramref name="rows"/>.</summary>
    public async Task<int[]> InsertAsync(IReadOnlyList<(ImportRow Row, int CommunityId)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (assignsIds)
        {
            if (lastId < 0)
            {
                lastId = await LastIdAsync(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return InsertOneByOne(rows, now);
        }

        var ids = new int[rows.Count];
        var newDates = new List<(int, string, DateOnly)>();
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            var statement = Insert(count);
            var positions = new Dictionary<(string?, string), int>(count);
            for (var i = 0; i < count; i++)
            {
                var (row, communityId) = rows[start + i];
                positions[(row.ExternalId, row.Phone)] = start + i;
                statement.Bind(i, new RowValues(row, 0, communityId, now));
            }

            await ReadIdsAsync((CommandImportStatement<RowValues>)statement, positions, ids, cancellationToken);

            for (var i = start; i < start + count; i++)
            {
                foreach (var (name, value) in rows[i].Row.Dates)
                {
                    newDates.Add((ids[i], name, value));
                }
            }
        }

        await UpsertDatesAsync(newDates, cancellationToken);
        return ids;
    }

    /// <summary>
    /// SQLite: one row per step, ids assigned here, then the rows' dates. Synchronous (SQLite's steps are) and compiled
    /// optimised from its first call: it runs for 500 rows a call but only a few hundred calls an import, so as an async
    /// method its loop ran unoptimised, then as on-stack-replacement code compiled on the writing thread mid-import.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] InsertOneByOne(IReadOnlyList<(ImportRow Row, int CommunityId)> rows, DateTimeOffset now)
    {
        var insert = Insert(1);
        var ids = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ids[i] = ++lastId;
            insert.Bind(0, new RowValues(rows[i].Row, ids[i], rows[i].CommunityId, now));
            insert.Execute();
        }

        var upsert = UpsertDates(1);
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var (name, value) in rows[i].Row.Dates)
            {
                upsert.Bind(0, (ids[i], name, value));
                upsert.Execute();
            }
        }

        return ids;
    }

    /// <summary>RETURNING gives no order guarantee: ids are matched back by (external id, phone), unique within a file.</summary>
    private static async Task ReadIdsAsync(CommandImportStatement<RowValues> statement, Dictionary<(string?, string), int> positions, int[] ids, CancellationToken cancellationToken)
    {
        await using (var reader = await statement.Command.ExecuteReaderAsync(cancellationToken))
            {
            while (await reader.ReadAsync(cancellationToken))
            {
                var externalId = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1);
                ids[positions[(externalId, reader.GetString(2))]] = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The highest id the table has used, deleted rows included (AUTOINCREMENT never reuses one).</summary>
    private async Task<int> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT MAX(COALESCE((SELECT MAX({Column(residents, nameof(Resident.Id))}) FROM {Table(residents)}), 0), " +
            $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{residents.GetTableName()}'), 0))";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task UpdateAsync(int id, ImportRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        update.Bind(0, new RowValues(row, id, null, now));
        await update.ExecuteAsync(cancellationToken);
        await UpsertDatesAsync([.. row.Dates.Select(d => (id, d.Name, d.Value))], cancellationToken);
    }

    private async Task UpsertDatesAsync(List<(int ResidentId, string Name, DateOnly Value)> values, CancellationToken cancellationToken)
    {
        for (var start = 0; start < values.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, values.Count - start);
            var statement = UpsertDates(count);
            for (var i = 0; i < count; i++)
            {
                statement.Bind(i, values[start + i]);
            }

            await statement.ExecuteAsync(cancellationToken);
        }
    }

    private ImportStatement<RowValues> Insert(int rows)
    {
        if (!inserts.TryGetValue(rows, out var statement))
        {
            string[] columns = assignsIds ? [nameof(Resident.Id), .. InsertedProperties] : InsertedProperties;
            var returning = assignsIds ? string.Empty
                : $" RETURNING {Column(residents, nameof(Resident.Id))}, {Column(residents, nameof(Resident.ExternalId))}, {Column(residents, nameof(Resident.Phone))}";
            statement = Prepare(
                $"INSERT INTO {Table(residents)} ({string.Join(", ", columns.Select(p => Column(residents, p)))}) VALUES " +
                string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}"))})")) + returning,
                rows, Bindings(residents, columns, Inserted), (row, column) => $"@p{row}_{column}");
            inserts[rows] = statement;
        }

        return statement;
    }

    private ImportStatement<(int ResidentId, string Name, DateOnly Value)> UpsertDates(int rows)
    {
        if (!dateUpserts.TryGetValue(rows, out var statement))
        {
            statement = Prepare(
                $"INSERT INTO {Table(dates)} ({string.Join(", ", DateProperties.Select(p => Column(dates, p)))}) VALUES " +
                string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(@d{r}_0, @d{r}_1, @d{r}_2)")) +
                $" ON CONFLICT ({Column(dates, nameof(ResidentDate.ResidentId))}, {Column(dates, nameof(ResidentDate.Name))}) " +
                $"DO UPDATE SET {Column(dates, nameof(ResidentDate.Value))} = excluded.{Column(dates, nameof(ResidentDate.Value))}",
                rows,
                Bindings(dates, DateProperties, (property, converter) => property switch
                {
                    nameof(ResidentDate.ResidentId) => ImportStatementColumn.Of(((int ResidentId, string Name, DateOnly Value) d) => d.ResidentId, converter),
                    nameof(ResidentDate.Name) => ImportStatementColumn.Of(((int ResidentId, string Name, DateOnly Value) d) => d.Name, converter),
                    _ => ImportStatementColumn.Of(((int ResidentId, string Name, DateOnly Value) d) => d.Value, converter),
                }),
                (row, column) => $"@d{row}_{column}");
            dateUpserts[rows] = statement;
        }

        return statement;
    }

    /// <summary>SQLite statements bypass Microsoft.Data.Sqlite's commands (see <see cref="SqliteImportStatement{T}"/>).</summary>
    private ImportStatement<T> Prepare<T>(string text, int rows, ImportStatementColumn<T>[] columns, Func<int, int, string> parameterName)
    {
        var names = Enumerable.Range(0, rows).SelectMany(r => columns.Select((_, c) => parameterName(r, c))).ToArray();
        if (connection is SqliteConnection sqlite && SqliteImportStatement<T>.Available)
        {
            return new SqliteImportStatement<T>(sqlite, text, columns, names);
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return new CommandImportStatement<T>(command, columns);
    }

    /// <summary>The columns of a statement: how each value is read from the source, given the model's value converter
    /// (enum as text, instants as ticks on SQLite). Tags need none: rows carry them already encoded as "|a|b|".</summary>
    private static ImportStatementColumn<T>[] Bindings<T>(IEntityType type, IEnumerable<string> properties, Func<string, ValueConverter?, ImportStatementColumn<T>> column)
        => [.. properties.Select(p => column(p, p == nameof(Resident.Tags) ? null : type.FindProperty(p)!.GetTypeMapping().Converter))];

    private string Table(IEntityType type) => sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());

    private string Column(IEntityType type, string property)
        => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

    private static List<string> UpdatedProperties(ImportColumns columns)
    {
        var properties = new List<string> { nameof(Resident.Name), nameof(Resident.Phone), nameof(Resident.UpdatedAt) };
        void When(ImportField field, string property)
        {
            if (columns.Has(field))
            {
                properties.Add(property);
            }
        }

        When(ImportField.ExternalId, nameof(Resident.ExternalId));
        When(ImportField.SecondPhone, nameof(Resident.SecondPhone));
        When(ImportField.Language, nameof(Resident.Language));
        When(ImportField.Channel, nameof(Resident.PreferredChannel));
        When(ImportField.Community, nameof(Resident.CommunityId));
        When(ImportField.Grid, nameof(Resident.Grid));
        When(ImportField.Building, nameof(Resident.Building));
        When(ImportField.Unit, nameof(Resident.Unit));
        When(ImportField.Household, nameof(Resident.Household));
        When(ImportField.BirthDate, nameof(Resident.BirthDate));
        When(ImportField.Gender, nameof(Resident.Gender));
        When(ImportField.Tags, nameof(Resident.Tags));
        return properties;
    }

    /// <summary>What a new resident is written with: defaults where the file has no value.</summary>
    private static ImportStatementColumn<RowValues> Inserted(string property, ValueConverter? converter) => property switch
    {
        nameof(Resident.Language) => Column(v => v.Row.Language ?? "zh-CN", converter),
        nameof(Resident.PreferredChannel) => Column(v => v.Row.Channel ?? ContactChannel.Sms, converter),
        nameof(Resident.CommunityId) => Column(v => v.CommunityId, converter),
        _ => Updated(property, converter),
    };

    /// <summary>What an existing resident is updated with: null where the file has no value.</summary>
    private static ImportStatementColumn<RowValues> Updated(string property, ValueConverter? converter) => property switch
    {
        nameof(Resident.Id) => Column(v => v.Id, converter),
        nameof(Resident.CreatedAt) or nameof(Resident.UpdatedAt) => Column(v => v.Now, converter),
        nameof(Resident.Tags) => Column(v => v.Row.Tags ?? string.Empty, converter),
        nameof(Resident.ExternalId) => Column(v => v.Row.ExternalId, converter),
        nameof(Resident.Name) => Column(v => v.Row.Name, converter),
        nameof(Resident.Phone) => Column(v => v.Row.Phone, converter),
        nameof(Resident.SecondPhone) => Column(v => v.Row.SecondPhone, converter),
        nameof(Resident.Language) => Column(v => v.Row.Language, converter),
        nameof(Resident.PreferredChannel) => Column(v => v.Row.Channel, converter),
        nameof(Resident.CommunityId) => Column(v => v.Row.CommunityId, converter),
        nameof(Resident.Grid) => Column(v => v.Row.Grid, converter),
        nameof(Resident.Building) => Column(v => v.Row.Building, converter),
        nameof(Resident.Unit) => Column(v => v.Row.Unit, converter),
        nameof(Resident.Household) => Column(v => v.Row.Household, converter),
        nameof(Resident.BirthDate) => Column(v => v.Row.BirthDate, converter),
        nameof(Resident.Gender) => Column(v => v.Row.Gender, converter),
        _ => throw new InvalidOperationException($"The import does not write {property}."),
    };

    private static ImportStatementColumn<RowValues> Column<TValue>(Func<RowValues, TValue> valueOf, ValueConverter? converter) => ImportStatementColumn.Of(valueOf, converter);

    public void Dispose()
    {
        update.Dispose();
        foreach (var statement in inserts.Values.Concat<IDisposable>(dateUpserts.Values))
        {
            statement.Dispose();
        }
    }

    /// <summary>One row to write: the checked row, the resident's id and community, and the time of the write.</summary>
    private readonly record struct RowValues(ImportRow Row, int Id, int? CommunityId, DateTimeOffset Now);
}
