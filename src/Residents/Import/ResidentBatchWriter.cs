using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Outreach.Residents.Archive;
using Outreach.Residents.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// Writes import rows with prepared INSERT … RETURNING / UPDATE / upsert statements inside the caller's
/// transaction: no change tracking, one round trip per row, the same SQL on SQLite and PostgreSQL.
/// Table and column names and value conversions come from the EF model, so the SQL follows the migrations.
/// </summary>
internal sealed class ResidentBatchWriter : IDisposable
{
    private readonly DbCommand insert;
    private readonly DbCommand update;
    private readonly DbCommand upsertDate;
    private readonly IEntityType residents;

    private ResidentBatchWriter(DbCommand insert, DbCommand update, DbCommand upsertDate, IEntityType residents)
    {
        this.insert = insert;
        this.update = update;
        this.upsertDate = upsertDate;
        this.residents = residents;
    }

    /// <summary>Prepares the statements for a file with the given columns, on the context's open connection and transaction.</summary>
    public static ResidentBatchWriter Create(ResidentsDbContext db, ImportColumns columns, DbTransaction transaction)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var residents = db.Model.FindEntityType(typeof(Resident))!;
        var dates = db.Model.FindEntityType(typeof(ResidentDate))!;
        string Table(IEntityType type) => sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        string Column(IEntityType type, string property)
            => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

        var connection = db.Database.GetDbConnection();
        DbCommand Command(string text, IEnumerable<string> parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
            }

            return command;
        }

        var insertColumns = InsertedProperties;
        var insert = Command(
            $"INSERT INTO {Table(residents)} ({string.Join(", ", insertColumns.Select(p => Column(residents, p)))}) " +
            $"VALUES ({string.Join(", ", insertColumns.Select(p => "@" + p))}) RETURNING {Column(residents, nameof(Resident.Id))}",
            insertColumns);

        // Only the columns the file has are overwritten on update; the others keep what the archive knows.
        var updatedColumns = UpdatedProperties(columns);
        // A blank cell in a column that must have a value (language, channel, community) keeps the stored one.
        string Assignment(string p) => p is nameof(Resident.Language) or nameof(Resident.PreferredChannel) or nameof(Resident.CommunityId)
            ? $"{Column(residents, p)} = COALESCE(@{p}, {Column(residents, p)})"
            : $"{Column(residents, p)} = @{p}";
        var update = Command(
            $"UPDATE {Table(residents)} SET {string.Join(", ", updatedColumns.Append(nameof(Resident.UpdatedAt)).Select(Assignment))} " +
            $"WHERE {Column(residents, nameof(Resident.Id))} = @{nameof(Resident.Id)}",
            updatedColumns.Append(nameof(Resident.UpdatedAt)).Append(nameof(Resident.Id)));

        string[] dateColumns = [nameof(ResidentDate.ResidentId), nameof(ResidentDate.Name), nameof(ResidentDate.Value)];
        var upsertDate = Command(
            $"INSERT INTO {Table(dates)} ({string.Join(", ", dateColumns.Select(p => Column(dates, p)))}) VALUES (@ResidentId, @Name, @Value) " +
            $"ON CONFLICT ({Column(dates, nameof(ResidentDate.ResidentId))}, {Column(dates, nameof(ResidentDate.Name))}) " +
            $"DO UPDATE SET {Column(dates, nameof(ResidentDate.Value))} = excluded.{Column(dates, nameof(ResidentDate.Value))}",
            dateColumns);
        return new ResidentBatchWriter(insert, update, upsertDate, residents);
    }

    private static readonly string[] InsertedProperties =
    [
        nameof(Resident.ExternalId), nameof(Resident.Name), nameof(Resident.Phone), nameof(Resident.SecondPhone), nameof(Resident.Language),
        nameof(Resident.PreferredChannel), nameof(Resident.CommunityId), nameof(Resident.Grid), nameof(Resident.Building), nameof(Resident.Unit),
        nameof(Resident.Household), nameof(Resident.BirthDate), nameof(Resident.Gender), nameof(Resident.Tags), nameof(Resident.CreatedAt), nameof(Resident.UpdatedAt),
    ];

    private static List<string> UpdatedProperties(ImportColumns columns)
    {
        var properties = new List<string> { nameof(Resident.Name), nameof(Resident.Phone) };
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

    public async Task<int> InsertAsync(ImportRow row, int communityId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (DbParameter parameter in insert.Parameters)
        {
            var property = parameter.ParameterName[1..];
            Set(parameter, property, property switch
            {
                nameof(Resident.Language) => row.Language ?? "zh-CN",
                nameof(Resident.PreferredChannel) => row.Channel ?? ContactChannel.Sms,
                nameof(Resident.CommunityId) => communityId,
                nameof(Resident.Tags) => row.Tags ?? [],
                nameof(Resident.CreatedAt) or nameof(Resident.UpdatedAt) => now,
                _ => Value(row, property),
            });
        }

        var id = Convert.ToInt32(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await UpsertDatesAsync(id, row, cancellationToken);
        return id;
    }

    public async Task UpdateAsync(int id, ImportRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (DbParameter parameter in update.Parameters)
        {
            var property = parameter.ParameterName[1..];
            Set(parameter, property, property switch
            {
                nameof(Resident.Id) => id,
                nameof(Resident.UpdatedAt) => now,
                nameof(Resident.Tags) => row.Tags ?? [],
                _ => Value(row, property),
            });
        }

        await update.ExecuteNonQueryAsync(cancellationToken);

        await UpsertDatesAsync(id, row, cancellationToken);
    }

    private async Task UpsertDatesAsync(int residentId, ImportRow row, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in row.Dates)
        {
            upsertDate.Parameters[0].Value = residentId;
            upsertDate.Parameters[1].Value = name;
            upsertDate.Parameters[2].Value = value;
            await upsertDate.ExecuteNonQueryAsync(cancellationToken);
        }
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

    /// <summary>Applies the model's value converter (enum as text, tags as "|a|b|", instants as ticks on SQLite).</summary>
    private void Set(DbParameter parameter, string property, object? value)
    {
        var converter = residents.FindProperty(property)!.GetTypeMapping().Converter;
        parameter.Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
    }

    public void Dispose()
    {
        insert.Dispose();
        update.Dispose();
        upsertDate.Dispose();
    }
}
