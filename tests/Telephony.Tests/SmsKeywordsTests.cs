using Outreach.Telephony.Messaging;

namespace Outreach.Telephony.Tests;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP", SmsKeyword.Stop)]
    [InlineData(" stop ", SmsKeyword.Stop)]
    [InlineData("ＳＴＯＰ", SmsKeyword.Stop)]
    [InlineData("Unsubscribe.", SmsKeyword.Stop)]
    [InlineData("退订", SmsKeyword.Stop)]
    [InlineData("td", SmsKeyword.Stop)]
    [InlineData("START", SmsKeyword.Start)]
    [InlineData("订阅", SmsKeyword.Start)]
    [InlineData("help", SmsKeyword.Help)]
    [InlineData("帮助！", SmsKeyword.Help)]
    [InlineData("please don't stop the water", SmsKeyword.None)]
    [InlineData("好的", SmsKeyword.None)]
    public void Classifies_keywords_case_and_width_insensitively(string body, SmsKeyword expected)
        => Assert.Equal(expected, SmsKeywords.Classify(body));
}
