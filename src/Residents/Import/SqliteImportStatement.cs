using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Outreach.Residents.Import;

/// <summary>
/// An <see cref="ImportStatement{T}"/> stepped directly on the SQLite connection's handle, inside the transaction the
/// connection holds, with parameters bound by position: Microsoft.Data.Sqlite looks each parameter up by name (and
/// encodes the name) on every execution, which cost more than the insert itself. Values are bound as Microsoft.Data.Sqlite
/// binds them: text as UTF-8, integers as INTEGER, dates as yyyy-MM-dd text.
/// </summary>
internal sealed class SqliteImportStatement<T> : ImportStatement<T>
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly int[] positions;
    private readonly object?[] bound;
    private static readonly object Unbound = new();
    private byte[] text = new byte[256];

    public SqliteImportStatement(SqliteConnection connection, string sql, ImportStatementColumn<T>[] columns, IReadOnlyList<string> parameterNames)
        : base(columns)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        positions = [.. parameterNames.Select(name => raw.sqlite3_bind_parameter_index(statement, name))];
        bound = new object?[positions.Length];
        Array.Fill(bound, Unbound);
    }

    public override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Execute();
        return Task.CompletedTask;
    }

    /// <summary>Steps the statement once; SQLite's steps are synchronous, so this is what <see cref="ExecuteAsync"/> does.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>
    /// SQLite keeps a statement's bindings from one execution to the next, so a value equal to the one already bound
    /// (the batch's timestamp, the community, a column the file leaves empty, zh-CN) is not bound again.
    /// </summary>
    protected override void Set(int parameter, object? value)
    {
        if (Equals(bound[parameter], value))
        {
            return;
        }

        var position = positions[parameter];
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, position),
            string s => BindText(position, s),
            int i => raw.sqlite3_bind_int64(statement, position, i),
            long l => raw.sqlite3_bind_int64(statement, position, l),
            DateOnly d => BindText(position, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"The import does not write values of type {value.GetType()}."),
        };
        SqliteException.ThrowExceptionForRC(rc, db);
        bound[parameter] = value;
    }

    /// <summary>Encodes into a buffer reused across rows (SQLite copies the bytes), so binding text allocates nothing.</summary>
    private int BindText(int position, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > text.Length)
        {
            text = new byte[Math.Max(length, text.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, text);
        return raw.sqlite3_bind_text(statement, position, text.AsSpan(0, written));
    }

    public override void Dispose() => statement.Dispose();
}
