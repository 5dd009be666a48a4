using System.Data.Common;

namespace Outreach.Residents.Import;

/// <summary>An <see cref="ImportStatement{T}"/> run through ADO.NET (PostgreSQL), with its parameters in order.</summary>
internal sealed class CommandImportStatement<T>(DbCommand command, ImportStatementColumn<T>[] columns) : ImportStatement<T>(columns)
{
    public DbCommand Command => command;

    public override Task ExecuteAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

    protected override void Set(int parameter, object? value) => command.Parameters[parameter].Value = value ?? DBNull.Value;

    public override void Dispose() => command.Dispose();
}
