using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Telephony.PhoneNumbers;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Relay;

/// <summary>
/// The WebSocket Twilio's &lt;ConversationRelay&gt; connects to. The upgrade request must carry a valid
/// X-Twilio-Signature over the wss URL; the session is bound to the call its URL names (registered by the signed
/// answer webhook), and each prompt or digit is answered with text tokens streamed as the agent generates them.
/// </summary>
internal static partial class ConversationRelayEndpoint
{
    public static void MapConversationRelay(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(TwilioWebhookUrls.VoiceRelayPath, AcceptAsync)
            .AllowAnonymous()
            .WithTags("Twilio webhooks")
            .WithSummary("ConversationRelay WebSocket (Twilio connects here when Twilio:VoiceMode is ConversationRelay).");

    private static async Task<IResult> AcceptAsync(
        HttpContext context, IOptionsMonitor<TwilioOptions> options, TwilioSignatureCheck signatures, RelayCalls calls, [FromServices] IRelayConversation conversation, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ConversationRelayEndpoint));
        var request = context.Request;
        var url = TwilioWebhookUrls.ToWebSocket(TwilioSignatureFilter.PublicUrlOf(request, options.CurrentValue.PublicBaseUrl));
        if (!signatures.IsValid(url, FormCollection.Empty, request.Headers[TwilioSignatureFilter.SignatureHeader].ToString()))
        {
            LogRejected(logger, url);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Twilio signature",
                detail: $"{TwilioSignatureFilter.SignatureHeader} is missing or does not match Twilio:AuthToken over the URL {url}.");
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a WebSocket request", detail: "ConversationRelay connects with a WebSocket upgrade.");
        }

        var callSid = request.Query["callSid"].ToString();
        using var socket = new RelaySocket(await context.WebSockets.AcceptWebSocketAsync());
        var cancellationToken = context.RequestAborted;
        try
        {
            await RunAsync(socket, callSid, calls, conversation, time, logger, cancellationToken);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Twilio hung up or the host is stopping: nothing is owed to anyone.
            LogDropped(logger, callSid, error.Message);
        }
        finally
        {
            await ForgetAsync(calls, callSid, logger);
        }

        return TypedResults.Empty;
    }

    /// <summary>
    /// Not with the request's token: Twilio hanging up is what ended the request. A call not forgotten here (the database
    /// was unavailable) is pruned after two hours.
    /// </summary>
    private static async Task ForgetAsync(RelayCalls calls, string callSid, ILogger logger)
    {
        try
        {
            await calls.ForgetAsync(callSid, CancellationToken.None);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogNotForgotten(logger, callSid, error);
        }
    }

    private static async Task RunAsync(
        RelaySocket socket, string callSid, RelayCalls calls, IRelayConversation conversation, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var setup = await socket.ReceiveAsync(cancellationToken);
        var call = await calls.FindAsync(callSid, cancellationToken);
        if (setup?.Type != "setup" || setup.CallSid != callSid || call is null)
        {
            LogUnbound(logger, callSid, setup?.Type);
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unknown call", cancellationToken);
            return;
        }

        var session = await conversation.OpenAsync(call, cancellationToken);
        if (session is null)
        {
            await socket.SendAsync(RelayMessage.End(new RelayHandoff("no-resident")), cancellationToken);
            return;
        }

        LogOpened(logger, callSid, PhoneMask.Mask(call.From));
        var turn = RelayTurn.None;
        while (await socket.ReceiveAsync(cancellationToken) is { } message)
        {
            var prompt = message.Type switch
            {
                "prompt" when message.Last != false && !string.IsNullOrWhiteSpace(message.VoicePrompt) => new RelayPrompt(message.VoicePrompt.Trim(), null, message.Lang, time.GetUtcNow()),
                "dtmf" when !string.IsNullOrEmpty(message.Digit) => new RelayPrompt(null, message.Digit, null, time.GetUtcNow()),
                _ => null,
            };
            switch (message.Type)
            {
                case "interrupt":
                    // The resident spoke over the answer: Twilio stopped playing it, so the rest is not sent.
                    turn.Interrupt();
                    LogInterrupted(logger, callSid, message.UtteranceUntilInterrupt?.Length ?? 0);
                    break;
                case "error":
                    LogRelayError(logger, callSid, message.Description);
                    break;
                case "invalid":
                    LogInvalid(logger, callSid);
                    break;
            }

            if (prompt is not null)
            {
                // One answer at a time: a new prompt silences the answer still being spoken, then follows it.
                turn.Interrupt();
                await turn.Completion;
                turn = RelayTurn.Start(socket, session, prompt, logger, cancellationToken);
            }
        }

        await turn.Completion;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a ConversationRelay connection to {Url} with a missing or wrong X-Twilio-Signature")]
    private static partial void LogRejected(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConversationRelay session for {CallSid} closed: no call answered here by that SID (first message {Type})")]
    private static partial void LogUnbound(ILogger logger, string callSid, string? type);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConversationRelay session for {CallSid} from {From} opened")]
    private static partial void LogOpened(ILogger logger, string callSid, string from);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConversationRelay session for {CallSid} interrupted after {Characters} characters")]
    private static partial void LogInterrupted(ILogger logger, string callSid, int characters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConversationRelay reported an error on {CallSid}: {Description}")]
    private static partial void LogRelayError(ILogger logger, string callSid, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConversationRelay session for {CallSid} sent a message that is not a relay message")]
    private static partial void LogInvalid(ILogger logger, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay call {CallSid} ended but could not be forgotten; it is pruned after two hours")]
    private static partial void LogNotForgotten(ILogger logger, string callSid, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConversationRelay session for {CallSid} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string callSid, string reason);
}
