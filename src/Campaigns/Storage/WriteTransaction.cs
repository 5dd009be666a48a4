using Microsoft.EntityFrameworkCore.Storage;

namespace Outreach.Campaigns.Storage;

/// <summary>A database transaction that, on SQLite, holds this process's write gate until it is disposed.</summary>
internal sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        gate?.Release();
    }
}
