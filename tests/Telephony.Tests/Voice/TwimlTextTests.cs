using System.Xml.Linq;
using Outreach.Telephony.Voice;
using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Outreach.Telephony.Tests.Voice;

/// <summary>TwimlText writes the SDK's document itself; it must write what the SDK's own ToString() writes, unindented.</summary>
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
}
