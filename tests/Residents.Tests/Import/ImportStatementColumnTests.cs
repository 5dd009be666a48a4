using Microsoft.EntityFrameworkCore;
using Outreach.Residents.Archive;
using Outreach.Residents.Import;
using Outreach.Residents.Storage;
using Outreach.Storage;

namespace Outreach.Residents.Tests.Import;

/// <summary>The import's typed columns hand the statement what the model's boxed converters make of the same values.</summary>
public sealed class ImportStatementColumnTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Converted_columns_agree_with_the_models_converters(DatabaseProvider provider)
    {
        // Only the model is needed: the context never connects.
        var builder = new DbContextOptionsBuilder<ResidentsDbContext>();
        OutreachDatabase.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost" }, "residents");
        using var db = new ResidentsDbContext(builder.Options);
        var residents = db.Model.FindEntityType(typeof(Resident))!;
        var instant = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero);
        Check(residents, nameof(Resident.CreatedAt), instant);
        Check(residents, nameof(Resident.PreferredChannel), ContactChannel.Voice);
        Check<ContactChannel?>(residents, nameof(Resident.PreferredChannel), null);
        Check<DateOnly?>(residents, nameof(Resident.BirthDate), new DateOnly(1950, 1, 2));
        Check<DateOnly?>(residents, nameof(Resident.BirthDate), null);
        Check<int?>(residents, nameof(Resident.CommunityId), 7);
        Check<int?>(residents, nameof(Resident.CommunityId), null);
        Check(residents, nameof(Resident.Name), "王秀英");
        Check<string?>(residents, nameof(Resident.Grid), null);
    }

    [Fact]
    public void Integers_of_every_width_and_dates_go_to_their_own_setters()
    {
        var statement = new RecordingStatement<(int Small, long Large, DateOnly Date)>(
        [
            ImportStatementColumn.Of(((int Small, long Large, DateOnly Date) v) => v.Small, null),
            ImportStatementColumn.Of(((int Small, long Large, DateOnly Date) v) => v.Large, null),
            ImportStatementColumn.Of(((int Small, long Large, DateOnly Date) v) => v.Date, null),
        ]);
        statement.Bind(0, (-3, long.MaxValue, new DateOnly(2026, 12, 31)));
        Assert.Equal([("integer", -3L), ("integer", long.MaxValue), ("date", new DateOnly(2026, 12, 31))], statement.Set);
    }

    private static void Check<TValue>(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, string property, TValue value)
    {
        var converter = type.FindProperty(property)!.GetTypeMapping().Converter;
        var statement = new RecordingStatement<TValue>([ImportStatementColumn.Of((TValue v) => v, converter)]);
        statement.Bind(0, value);

        object? expected = value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        var (setter, written) = Assert.Single(statement.Set);
        Assert.Equal(expected switch { null => "null", string => "text", int or long => "integer", DateOnly => "date", _ => "other" }, setter);
        Assert.Equal(expected is int i ? (long)i : expected, written);
    }

    private sealed class RecordingStatement<T>(ImportStatementColumn<T>[] columns) : ImportStatement<T>(columns)
    {
        public List<(string Setter, object? Value)> Set { get; } = [];

        public override Task ExecuteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Execute()
        {
        }

        public override void SetNull(int parameter) => Set.Add(("null", null));

        public override void SetText(int parameter, string value) => Set.Add(("text", value));

        public override void SetInteger(int parameter, long value) => Set.Add(("integer", value));

        public override void SetDate(int parameter, DateOnly value) => Set.Add(("date", value));

        public override void SetOther(int parameter, object value) => Set.Add(("other", value));

        public override void Dispose()
        {
        }
    }
}
