namespace Outreach.Testing;

/// <summary>Awaits a condition instead of sleeping a guessed time.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "condition"}; last value: {last}");
            }

            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? what = null)
        => UntilAsync(probe, ok => ok, timeout, what);
}
