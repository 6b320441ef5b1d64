using System.Net.Http.Headers;

namespace LipSyncGuard.Service.Tests;

/// <summary>Builds multipart uploads as clients send them.</summary>
internal static class Uploads
{
    public static MultipartFormDataContent Video(byte[] bytes, string fileName = "video.mp4", string contentType = "video/mp4", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "video_file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    public static string Sample(string name = "real_vox2_00015.mp4") =>
        Path.Combine(LipSyncGuard.Testing.SharedMedia.RepositoryRoot, "samples", name);
}
