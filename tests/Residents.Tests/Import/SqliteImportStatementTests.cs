using Microsoft.Data.Sqlite;
using Outreach.Residents.Import;

namespace Outreach.Residents.Tests.Import;

/// <summary>
/// The import's SQLite statement (direct calls into the library, a value bound only when it changes) writes what
/// Microsoft.Data.Sqlite's commands write for the same rows: those are what the import falls back to, and what EF reads.
/// </summary>
public sealed class SqliteImportStatementTests : IDisposable
{
    private const string Insert = "INSERT INTO t (text, number, date) VALUES (@text, @number, @date)";

    private static readonly ImportStatementColumn<Row>[] Columns =
    [
        ImportStatementColumn.Of((Row r) => r.Text, null),
        ImportStatementColumn.Of((Row r) => r.Number, null),
        ImportStatementColumn.Of((Row r) => r.Date, null),
    ];

    private static readonly string[] Parameters = ["@text", "@number", "@date"];

    // Repeats and changes between empty text, NULL and values, so that skipped bindings would show.
    private static readonly Row[] Rows =
    [
        new("王秀英", 1, new DateOnly(1950, 1, 2)),
        new("王秀英", 2, new DateOnly(1950, 1, 2)),
        new(string.Empty, null, null),
        new(string.Empty, 0, new DateOnly(1, 1, 1)),
        new(null, long.MaxValue, new DateOnly(9999, 12, 31)),
        new("a\0b", long.MinValue, new DateOnly(2024, 2, 29)),
        new(new string('x', 1_000), -7, new DateOnly(2026, 11, 30)),
        new("+8613800138000", -7, null),
    ];

    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public SqliteImportStatementTests()
    {
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, date TEXT, UNIQUE (text, number))";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Writes_what_microsoft_data_sqlite_writes()
    {
        Assert.True(SqliteImportStatement<Row>.Available);
        using (var statement = new SqliteImportStatement<Row>(connection, Insert, Columns, Parameters))
        {
            WriteAll(statement);
        }

        var direct = ReadAndClear();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Insert;
            foreach (var name in Parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            using var statement = new CommandImportStatement<Row>(command, Columns);
            WriteAll(statement);
        }

        Assert.Equal(ReadAndClear(), direct);
        Assert.Equal(Rows.Length, direct.Count);
    }

    [Fact]
    public void A_failed_step_reports_sqlites_error_and_leaves_the_statement_usable()
    {
        using var statement = new SqliteImportStatement<Row>(connection, Insert, Columns, Parameters);
        statement.Bind(0, Rows[0]);
        statement.Execute();

        var error = Assert.Throws<SqliteException>(statement.Execute);

        Assert.Contains("UNIQUE constraint failed", error.Message, StringComparison.Ordinal);
        statement.Bind(0, Rows[6]);
        statement.Execute();
        Assert.Equal(2, ReadAndClear().Count);
    }

    public void Dispose() => connection.Dispose();

    private static void WriteAll(ImportStatement<Row> statement)
    {
        foreach (var row in Rows)
        {
            statement.Bind(0, row);
            statement.Execute();
        }
    }

    /// <summary>Each row's values with their storage classes, as SQLite holds them.</summary>
    private List<string> ReadAndClear()
    {
        var rows = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT quote(text), typeof(text), quote(number), typeof(number), quote(date), typeof(date) FROM t ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
            }
        }

        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM t";
        delete.ExecuteNonQuery();
        return rows;
    }

    private sealed record Row(string? Text, long? Number, DateOnly? Date);
}
