using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Relay;
using Outreach.Telephony.Voice;
using Twilio.TwiML;

namespace Outreach.Telephony.Webhooks;

/// <summary>The /twilio webhooks: signed by Twilio, answered with TwiML, handled by the Campaigns module's handlers.</summary>
internal static class TwilioWebhookEndpoints
{
    private const string TwimlContentType = "application/xml";

    public static void MapTwilioWebhooks(this IEndpointRouteBuilder endpoints)
    {
        // One instance of each filter for all webhooks: they hold only singletons, and AddEndpointFilter<T>() would
        // activate a new one from the request's services on every webhook.
        var twilio = endpoints.MapGroup("/twilio")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<TwilioSignatureFilter>())
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<TwilioIdempotencyFilter>())
            .WithTags("Twilio webhooks");

        twilio.MapPost("/sms/inbound", InboundSmsAsync).WithSummary("A resident texted the community number (paste into the Twilio console).");
        twilio.MapPost("/sms/status", MessageStatusAsync).WithMetadata(ReplaySafeWebhook.Instance).WithSummary("Status callback of an outbound SMS.");
        twilio.MapPost("/voice/inbound", VoiceTurnAsync).WithSummary("A resident called the community number (paste into the Twilio console).");
        twilio.MapPost("/voice/answer", VoiceTurnAsync).WithSummary("A notice call was answered: the first turn.");
        twilio.MapPost("/voice/gather", VoiceTurnAsync).WithSummary("The resident spoke or pressed keys: the next turn.");
        twilio.MapPost("/voice/status", CallStatusAsync).WithMetadata(ReplaySafeWebhook.Instance).WithSummary("Status callback of a call.");
        twilio.MapPost("/voice/amd", AnsweringMachineAsync).WithSummary("Asynchronous answering-machine detection result.");
        twilio.MapPost("/voice/relay/action", RelayEndedAsync).WithSummary("A ConversationRelay session ended: dial the person it handed off to, or hang up.");
        endpoints.MapConversationRelay();
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> InboundSmsAsync(
        HttpRequest request, IInboundSmsHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        var message = new InboundSms(form.Required("MessageSid"), form.Required("From"), form.Required("To"), form.Optional("Body") ?? string.Empty, time.GetUtcNow());
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        await handler.HandleAsync(message, cancellationToken);

        // The answer goes out later through the REST API, so Twilio gets an empty reply at once.
        return Twiml(new MessagingResponse().ToString());
    }

    private static async Task<Results<NoContent, ValidationProblem>> MessageStatusAsync(
        HttpRequest request, IDeliveryStatusHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        var update = new MessageStatusUpdate(
            form.Required("MessageSid"), form.Optional("MessageStatus") ?? form.Required("SmsStatus"), form.Reference, form.OptionalInt("ErrorCode"), time.GetUtcNow());
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        await handler.HandleMessageStatusAsync(update, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> VoiceTurnAsync(
        HttpRequest request, IVoiceConversation conversation, TwimlRenderer renderer, IOptionsMonitor<TwilioOptions> options, RelayCalls relayCalls, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        var input = CallInputOf(form, time);
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        var turn = await conversation.NextTurnAsync(input, cancellationToken);
        if (turn.Next == VoiceNext.Gather && options.CurrentValue.VoiceMode == VoiceMode.ConversationRelay)
        {
            // The session that follows binds to this signed webhook's call, never to what its messages claim.
            await relayCalls.RegisterAsync(input, cancellationToken);
            return Twiml(renderer.RenderRelay(turn, input.CallSid, form.Reference));
        }

        return Twiml(renderer.Render(turn, form.Reference));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> RelayEndedAsync(HttpRequest request, TwimlRenderer renderer, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        form.Required("CallSid");
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        // Twilio hands back the handoffData our end message carried; without it the caller hung up or the session failed.
        var handoff = RelayHandoff.Parse(form.Optional("HandoffData"));
        var turn = handoff is { Dial: { Length: > 0 } number }
            ? new VoiceTurn(string.Empty, "zh-CN", VoiceNext.Dial, DialNumber: number)
            : new VoiceTurn(string.Empty, "zh-CN", VoiceNext.Hangup);
        return Twiml(renderer.Render(turn, form.Reference));
    }

    private static async Task<Results<NoContent, ValidationProblem>> CallStatusAsync(
        HttpRequest request, IDeliveryStatusHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        var update = new CallStatusUpdate(
            form.Required("CallSid"), form.Required("CallStatus"), form.Reference, form.Optional("AnsweredBy"), form.OptionalInt("CallDuration"), time.GetUtcNow());
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        await handler.HandleCallStatusAsync(update, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> AnsweringMachineAsync(
        HttpRequest request,
        IVoiceConversation conversation,
        TwimlRenderer renderer,
        TwilioCallPlacer calls,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, cancellationToken);
        var input = CallInputOf(form, time);
        if (form.Problem() is ValidationProblem problem)
        {
            return problem;
        }

        // Only a machine whose greeting has ended gets the voicemail version; a human call goes on as it is.
        if (input.AnsweredBy?.StartsWith("machine_end", StringComparison.Ordinal) == true)
        {
            var turn = await conversation.NextTurnAsync(input, cancellationToken);
            await calls.UpdateTwimlAsync(input.CallSid, renderer.Render(turn, form.Reference), cancellationToken);
            loggers.CreateLogger(typeof(TwilioWebhookEndpoints)).LogInformation("Call {CallSid} reached a machine ({AnsweredBy}); voicemail left", input.CallSid, input.AnsweredBy);
        }

        return TypedResults.NoContent();
    }

    private static CallInput CallInputOf(TwilioWebhookForm form, TimeProvider time) => new(
        form.Required("CallSid"),
        form.Optional("From") ?? string.Empty,
        form.Optional("To") ?? string.Empty,
        form.Reference,
        form.Optional("SpeechResult"),
        form.Optional("Digits"),
        form.Optional("AnsweredBy"),
        time.GetUtcNow());

    private static ContentHttpResult Twiml(string xml) => TypedResults.Content(xml, TwimlContentType);
}
