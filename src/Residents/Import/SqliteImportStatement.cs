using Microsoft.Data.Sqlite;
using Outreach.Storage;

namespace Outreach.Residents.Import;

/// <summary>
/// An <see cref="ImportStatement{T}"/> on SQLite: a <see cref="SqliteRowStatement"/>, stepped directly on the connection's
/// handle inside the transaction the connection holds, with parameters bound by position.
/// </summary>
internal sealed class SqliteImportStatement<T>(SqliteConnection connection, string sql, ImportStatementColumn<T>[] columns, IReadOnlyList<string> parameterNames)
    : ImportStatement<T>(columns)
{
    private readonly SqliteRowStatement statement = new(connection, sql, parameterNames);

    /// <summary>Whether statements can be made here; where not, the import uses Microsoft.Data.Sqlite's commands.</summary>
    public static bool Available => SqliteRowStatement.Available;

    public override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Execute();
        return Task.CompletedTask;
    }

    /// <summary>Steps the statement once; SQLite's steps are synchronous, so this is what <see cref="ExecuteAsync"/> does.</summary>
    public override void Execute() => statement.Execute();

    public override void SetNull(int parameter) => statement.SetNull(parameter);

    public override void SetText(int parameter, string value) => statement.SetText(parameter, value);

    public override void SetInteger(int parameter, long value) => statement.SetInteger(parameter, value);

    public override void SetDate(int parameter, DateOnly value) => statement.SetDate(parameter, value);

    public override void SetOther(int parameter, object value)
        => throw new InvalidOperationException($"The import does not write values of type {value.GetType()}.");

    public override void Dispose() => statement.Dispose();
}
