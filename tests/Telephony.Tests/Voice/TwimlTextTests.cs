using System.Xml.Linq;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;
using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Outreach.Telephony.Tests.Voice;

/// <summary>TwimlText writes the SDK's elements itself; it must write what the SDK's own ToString() writes, unindented.</summary>
public sealed class TwimlTextTests
{
    public static TheoryData<string> TrickyTexts => new()
    {
        "请按1确认，按2谢绝，或直接提问。",
        "a & b < c > d \"quoted\" 'single'",
        "line one\nline two\r\nline three\ttabbed",
        "cr\ronly\r\r\nmixed\n\r",
        "emoji 🙂 and é",
        "   leading and trailing spaces   ",
        "]]> <![CDATA[ not a section",
        "&amp; already escaped",
    };

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void Text_and_attributes_are_written_as_the_sdk_writes_them(string text)
    {
        var response = new VoiceResponse();
        var gather = new Gather(input: [Gather.InputEnum.Speech, Gather.InputEnum.Dtmf], action: new Uri("https://outreach.example.com/twilio/voice/gather?ref=a%20b&x=1"), hints: text, language: "zh-CN");
        gather.Say(text, voice: "Polly.Zhiyu", language: "zh-CN");
        response.Append(gather);
        response.Say(text);
        response.Pause(length: 1);
        response.Hangup();

        Assert.Equal(response.ToString(SaveOptions.DisableFormatting), TwimlText.Of(response));
    }

    public static TheoryData<string> Documents => new()
    {
        "gather", "dial", "hangup", "relay", "say without a message", "options", "text node", "empty messaging",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_kind_of_document_is_written_as_the_sdk_writes_it(string kind)
    {
        var options = new FixedOptionsMonitor(new TwilioOptions { PublicBaseUrl = "https://outreach.example.com" });
        var renderer = new TwimlRenderer(options, new TwilioWebhookUrls(options));
        Twilio.TwiML.TwiML document = kind switch
        {
            "gather" => renderer.Document(new VoiceTurn("请按1确认", "zh-CN", VoiceNext.Gather, Reprompt: "请再说一次", Goodbye: "再见"), "d 1"),
            "dial" => renderer.Document(new VoiceTurn("正在转接", "zh-CN", VoiceNext.Dial, DialNumber: "+8657188889999", Goodbye: "再见"), "d"),
            "hangup" => renderer.Document(new VoiceTurn(string.Empty, "en", VoiceNext.Hangup), null),
            "relay" => renderer.RelayDocument(new VoiceTurn("您好", "zh-CN", VoiceNext.Gather), "CA1", "d"),
            "say without a message" => new VoiceResponse().Say(),
            "options" => new VoiceResponse().Append(new Say("hello").SetOption("xml:lang", "en").SetOption("custom", "a&b")),
            "text node" => new VoiceResponse().Append(new Say("a").AddText(" & b")),
            _ => new MessagingResponse(),
        };

        Assert.Equal(document.ToString(SaveOptions.DisableFormatting), TwimlText.Of(document));
    }
}
