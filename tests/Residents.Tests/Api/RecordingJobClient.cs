using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Outreach.Residents.Tests.Api;

/// <summary>Stands in for Hangfire in API tests: records what was enqueued.</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    /// <summary>Every job created, with the state it was created in (enqueued, scheduled).</summary>
    public List<(Job Job, IState State)> Created { get; } = [];

    public IReadOnlyList<Job> Enqueued => [.. Created.Select(c => c.Job)];

    public string Create(Job job, IState state)
    {
        Created.Add((job, state));
        return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
