using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// Runs emulated calls: rings the phone, plays its behaviour (busy, no answer, fails, a person, a machine),
/// posts status and AMD callbacks in Twilio's order, and hands the answered call to the TwiML interpreter.
/// </summary>
internal sealed class CallRunner(
    EmulatorStore store,
    EmulatorWebhookClient webhooks,
    TwimlInterpreter interpreter,
    IOptions<EmulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<CallRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.CallConcurrency));

    public void Start(EmulatedCall call) => _ = RunGuardedAsync(call, lifetime.ApplicationStopping);

    public void Dispose() => slots.Dispose();

    private async Task RunGuardedAsync(EmulatedCall call, CancellationToken cancellationToken)
    {
        try
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await RunAsync(call, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            call.SetStatus("canceled", time.GetUtcNow());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A background call has no caller to throw to: log it once and fail the call.
            logger.LogError(exception, "Emulated call {CallSid} failed", call.Sid);
            call.SetStatus("failed", time.GetUtcNow());
        }
    }

    private async Task RunAsync(EmulatedCall call, CancellationToken cancellationToken)
    {
        var resident = call.Direction == "inbound" ? call.From : call.To;
        var behaviour = store.BehaviourOf(resident);
        if (call.Direction != "inbound")
        {
            // The REST resource has no "initiated" status (it stays queued until it rings); the callback says initiated.
            await ProgressAsync(call, "queued", "initiated", cancellationToken, callbackStatus: "initiated");
            await ProgressAsync(call, "ringing", "ringing", cancellationToken);
            var answered = await RingAsync(call, behaviour, cancellationToken);
            if (answered is not null)
            {
                await FinishAsync(call, answered, cancellationToken);
                return;
            }
        }

        await ProgressAsync(call, "in-progress", "answered", cancellationToken);
        var isMachine = behaviour.Answer == PhoneAnswer.Voicemail;
        if (call.DetectsMachine)
        {
            call.AnsweredBy = isMachine ? "machine_end_beep" : "human";
            if (call.AmdCallback is not null)
            {
                // Twilio runs AMD beside the call; posting it first keeps the emulator deterministic.
                var amd = CallParameters(call);
                amd["AnsweredBy"] = call.AnsweredBy;
                amd["MachineDetectionDuration"] = isMachine ? "4200" : "1800";
                await webhooks.PostAsync(call.AmdCallback, amd, cancellationToken);
            }
        }

        var replies = isMachine ? new ResidentReplies([], TimeSpan.Zero, null) : RepliesOf(call, behaviour);
        await interpreter.RunAsync(call, replies, cancellationToken);
        await FinishAsync(call, "completed", cancellationToken);
    }

    /// <summary>Null when the call is answered, else its final status.</summary>
    private async Task<string?> RingAsync(EmulatedCall call, PhoneBehaviour behaviour, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.RingTime + behaviour.Latency, time, cancellationToken);
        switch (behaviour.Answer)
        {
            case PhoneAnswer.Busy:
                return "busy";
            case PhoneAnswer.NoAnswer:
                return "no-answer";
            case PhoneAnswer.Fails:
                return "failed";
            case PhoneAnswer.Interactive:
                using (var ringing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    ringing.CancelAfter(call.RingTimeout);
                    try
                    {
                        return await call.Pickup.Task.WaitAsync(ringing.Token) ? null : "busy";
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return "no-answer";
                    }
                }

            default:
                return null;
        }
    }

    private ResidentReplies RepliesOf(EmulatedCall call, PhoneBehaviour behaviour) => behaviour.Answer == PhoneAnswer.Interactive
        ? new ResidentReplies([], TimeSpan.Zero, call.Replies.Reader, options.Value.InteractiveGatherTime)
        : new ResidentReplies(behaviour.Replies, behaviour.Latency, null);

    private async Task ProgressAsync(EmulatedCall call, string status, string callbackEvent, CancellationToken cancellationToken, string? callbackStatus = null)
    {
        call.SetStatus(status, time.GetUtcNow());
        if (call.StatusCallback is not null && call.StatusCallbackEvents.Contains(callbackEvent))
        {
            var parameters = StatusParameters(call);
            parameters["CallStatus"] = callbackStatus ?? status;
            await webhooks.PostAsync(call.StatusCallback, parameters, cancellationToken);
        }
    }

    private async Task FinishAsync(EmulatedCall call, string status, CancellationToken cancellationToken)
    {
        call.SetStatus(status, time.GetUtcNow());
        call.Say("call", "status", status, time.GetUtcNow());

        call.Dispose();

        // The final status is always posted, whichever events were asked for.
        if (call.StatusCallback is not null)
        {
            await webhooks.PostAsync(call.StatusCallback, StatusParameters(call), cancellationToken);
        }
    }

    private static Dictionary<string, string> StatusParameters(EmulatedCall call)
    {
        var parameters = CallParameters(call);
        parameters["CallbackSource"] = "call-progress-events";
        if (call.DurationSeconds is { } duration)
        {
            parameters["CallDuration"] = duration.ToString(CultureInfo.InvariantCulture);
        }

        if (call.AnsweredBy is { } answeredBy)
        {
            parameters["AnsweredBy"] = answeredBy;
        }

        return parameters;
    }

    /// <summary>The parameters Twilio sends with every voice webhook.</summary>
    internal static Dictionary<string, string> CallParameters(EmulatedCall call) => new(StringComparer.Ordinal)
    {
        ["AccountSid"] = call.AccountSid,
        ["ApiVersion"] = TwilioJson.ApiVersion,
        ["CallSid"] = call.Sid,
        ["CallStatus"] = call.Status,
        ["Direction"] = call.Direction,
        ["From"] = call.From,
        ["To"] = call.To,
        ["Caller"] = call.From,
        ["Called"] = call.To,
    };
}
