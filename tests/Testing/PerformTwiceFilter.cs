using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;

namespace Outreach.Testing;

/// <summary>
/// Makes Hangfire perform every job twice: each job created gets a concurrent twin, and each job that succeeds is
/// enqueued once more. Idempotent jobs must show no difference.
/// </summary>
public sealed class PerformTwiceFilter : JobFilterAttribute, IElectStateFilter, IClientFilter
{
    private const string Repeated = "PerformTwice.Repeated";

    [ThreadStatic]
    private static bool creatingTwin;

    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is SucceededState && !context.GetJobParameter<bool>(Repeated))
        {
            context.SetJobParameter(Repeated, true);
            context.CandidateState = new EnqueuedState { Reason = "performed twice by the test filter" };
        }
    }

    public void OnCreating(CreatingContext context)
    {
    }

    public void OnCreated(CreatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (creatingTwin || context.BackgroundJob is null)
        {
            return;
        }

        creatingTwin = true;
        try
        {
            IState twinState = context.InitialState is ScheduledState scheduled ? new ScheduledState(scheduled.EnqueueAt) : new EnqueuedState();
            new BackgroundJobClient(context.Storage).Create(context.Job, twinState);
        }
        finally
        {
            creatingTwin = false;
        }
    }
}
