using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Writes import rows with prepared SQL inside the caller's transaction, without change tracking; updates go one
/// row at a time. Table and column names and value conversions come from the EF model, so the SQL follows the
/// migrations. PostgreSQL gets multi-row INSERT … RETURNING statements. SQLite gets single-row statements with ids
/// assigned here: Microsoft.Data.Sqlite binds parameters by name (slow with many per statement) and RETURNING costs
/// about 4× a plain insert there, while the transaction (BEGIN IMMEDIATE) holds the only write lock, so ids after
/// the current maximum are safe.
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
    private readonly Dictionary<int, Statement> inserts = [];
    private readonly Dictionary<int, Statement> dateUpserts = [];
    private readonly Statement update;
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
        if (assignsIds)
        {
            // Phones arrive in no order, so each insert touches a different page of the phone index; SQLite's default
            // 2 MB page cache then rereads pages on nearly every row. 64 MB holds the indexes of a street's archive.
            using var cache = connection.CreateCommand();
            cache.Transaction = transaction;
            cache.CommandText = "PRAGMA cache_size = -65536";
            cache.ExecuteNonQuery();
        }

        // Only the columns the file has are overwritten on update; the others keep what the archive knows.
        // A blank cell in a column that must have a value (language, channel, community) keeps the stored one.
        string Assignment(string p) => p is nameof(Resident.Language) or nameof(Resident.PreferredChannel) or nameof(Resident.CommunityId)
            ? $"{Column(residents, p)} = COALESCE(@{p}, {Column(residents, p)})"
            : $"{Column(residents, p)} = @{p}";
        var updated = UpdatedProperties(columns);
        update = Prepare(
            $"UPDATE {Table(residents)} SET {string.Join(", ", updated.Select(Assignment))} WHERE {Column(residents, nameof(Resident.Id))} = @{nameof(Resident.Id)}",
            residents, [[.. updated.Append(nameof(Resident.Id))]], (_, property) => "@" + property);
    }

    /// <summary>Prepares the statements for a file with the given columns, on the context's open connection and transaction.</summary>
    public static ResidentBatchWriter Create(ResidentsDbContext db, ImportColumns columns, DbTransaction transaction) => new(db, columns, transaction);

    /// <summary>Inserts new residents (with their dates); returns their ids in the order of <paramref name="rows"/>.</summary>
    public async Task<int[]> InsertAsync(IReadOnlyList<(ImportRow Row, int CommunityId)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (assignsIds && lastId < 0)
        {
            lastId = await LastIdAsync(cancellationToken);
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
                var id = assignsIds ? ids[start + i] = ++lastId : 0;
                statement.Bind(i, property => property switch
                {
                    nameof(Resident.Id) => id,
                    nameof(Resident.Language) => row.Language ?? "zh-CN",
                    nameof(Resident.PreferredChannel) => row.Channel ?? ContactChannel.Sms,
                    nameof(Resident.CommunityId) => communityId,
                    nameof(Resident.Tags) => row.Tags ?? [],
                    nameof(Resident.CreatedAt) or nameof(Resident.UpdatedAt) => now,
                    _ => Value(row, property),
                });
            }

            if (assignsIds)
            {
                await statement.Command.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                await ReadIdsAsync(statement, positions, ids, cancellationToken);
            }

            for (var i = start; i < start + count; i++)
            {
                newDates.AddRange(rows[i].Row.Dates.Select(d => (ids[i], d.Name, d.Value)));
            }
        }

        await UpsertDatesAsync(newDates, cancellationToken);
        return ids;
    }

    /// <summary>RETURNING gives no order guarantee: ids are matched back by (external id, phone), unique within a file.</summary>
    private static async Task ReadIdsAsync(Statement statement, Dictionary<(string?, string), int> positions, int[] ids, CancellationToken cancellationToken)
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
        update.Bind(0, property => property switch
        {
            nameof(Resident.Id) => id,
            nameof(Resident.UpdatedAt) => now,
            nameof(Resident.Tags) => row.Tags ?? [],
            _ => Value(row, property),
        });
        await update.Command.ExecuteNonQueryAsync(cancellationToken);
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
                var (residentId, name, value) = values[start + i];
                statement.Bind(i, property => property switch
                {
                    nameof(ResidentDate.ResidentId) => residentId,
                    nameof(ResidentDate.Name) => name,
                    _ => value,
                });
            }

            await statement.Command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private Statement Insert(int rows)
    {
        if (!inserts.TryGetValue(rows, out var statement))
        {
            string[] columns = assignsIds ? [nameof(Resident.Id), .. InsertedProperties] : InsertedProperties;
            var returning = assignsIds ? string.Empty
                : $" RETURNING {Column(residents, nameof(Resident.Id))}, {Column(residents, nameof(Resident.ExternalId))}, {Column(residents, nameof(Resident.Phone))}";
            statement = Prepare(
                $"INSERT INTO {Table(residents)} ({string.Join(", ", columns.Select(p => Column(residents, p)))}) VALUES " +
                string.Join(", ", Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}"))})")) + returning,
                residents, Enumerable.Repeat(columns, rows).ToArray(), (row, property) => $"@p{row}_{Array.IndexOf(columns, property)}");
            inserts[rows] = statement;
        }

        return statement;
    }

    private Statement UpsertDates(int rows)
    {
        if (!dateUpserts.TryGetValue(rows, out var statement))
        {
            statement = Prepare(
                $"INSERT INTO {Table(dates)} ({string.Join(", ", DateProperties.Select(p => Column(dates, p)))}) VALUES " +
                string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(@d{r}_0, @d{r}_1, @d{r}_2)")) +
                $" ON CONFLICT ({Column(dates, nameof(ResidentDate.ResidentId))}, {Column(dates, nameof(ResidentDate.Name))}) " +
                $"DO UPDATE SET {Column(dates, nameof(ResidentDate.Value))} = excluded.{Column(dates, nameof(ResidentDate.Value))}",
                dates, Enumerable.Repeat(DateProperties, rows).ToArray(), (row, property) => $"@d{row}_{Array.IndexOf(DateProperties, property)}");
            dateUpserts[rows] = statement;
        }

        return statement;
    }

    private Statement Prepare(string text, IEntityType type, string[][] rows, Func<int, string, string> parameterName)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        var bindings = new Binding[rows.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            bindings[r] = new Binding[rows[r].Length];
            for (var c = 0; c < rows[r].Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterName(r, rows[r][c]);
                command.Parameters.Add(parameter);
                bindings[r][c] = new Binding(parameter, rows[r][c], type.FindProperty(rows[r][c])!.GetTypeMapping().Converter?.ConvertToProvider);
            }
        }

        return new Statement(command, bindings);
    }

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

    private static object? Value(ImportRow row, string property) => property switch
    {
        nameof(Resident.ExternalId) => row.ExternalId,
        nameof(Resident.Name) => row.Name,
        nameof(Resident.Phone) => row.Phone,
        nameof(Resident.SecondPhone) => row.SecondPhone,
        nameof(Resident.Language) => row.Language,
        nameof(Resident.PreferredChannel) => row.Channel,
        nameof(Resident.CommunityId) => row.CommunityId,
        nameof(Resident.Grid) => row.Grid,
        nameof(Resident.Building) => row.Building,
        nameof(Resident.Unit) => row.Unit,
        nameof(Resident.Household) => row.Household,
        nameof(Resident.BirthDate) => row.BirthDate,
        nameof(Resident.Gender) => row.Gender,
        _ => throw new InvalidOperationException($"The import does not write {property}."),
    };

    public void Dispose()
    {
        update.Command.Dispose();
        foreach (var statement in inserts.Values.Concat(dateUpserts.Values))
        {
            statement.Command.Dispose();
        }
    }

    /// <summary>One parameter, the property it holds and the model's value converter (enum as text, tags as "|a|b|", instants as ticks on SQLite).</summary>
    private readonly record struct Binding(DbParameter Parameter, string Property, Func<object?, object?>? ToProvider);

    /// <summary>A prepared command and the bindings of each row it writes.</summary>
    private sealed record Statement(DbCommand Command, Binding[][] Rows)
    {
        public void Bind(int row, Func<string, object?> valueOf)
        {
            foreach (var (parameter, property, toProvider) in Rows[row])
            {
                var value = valueOf(property);
                parameter.Value = (value is null ? null : toProvider is null ? value : toProvider(value)) ?? DBNull.Value;
            }
        }
    }
}
