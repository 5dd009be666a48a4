using System.Data.Common;

namespace Outreach.Residents.Import;

/// <summary>An <see cref="ImportStatement{T}"/> run through ADO.NET (PostgreSQL, and SQLite where <see cref="SqliteImportStatement{T}.Available"/> is false), with its parameters in order.</summary>
internal sealed class CommandImportStatement<T>(DbCommand command, ImportStatementColumn<T>[] columns) : ImportStatement<T>(columns)
{
    public DbCommand Command => command;

    public override Task ExecuteAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

    public override void Execute() => command.ExecuteNonQuery();

    public override void SetNull(int parameter) => SetOther(parameter, DBNull.Value);

    public override void SetText(int parameter, string value) => SetOther(parameter, value);

    public override void SetInteger(int parameter, long value) => SetOther(parameter, value);

    public override void SetDate(int parameter, DateOnly value) => SetOther(parameter, value);

    public override void SetOther(int parameter, object value) => command.Parameters[parameter].Value = value;

    public override void Dispose() => command.Dispose();
}
