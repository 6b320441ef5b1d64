using Xunit;

namespace LipSyncGuard.Faces.Tests;

public sealed class MouthCropperTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(25f)]
    [InlineData(-70f)]
    [InlineData(180f)]
    public void Crop_RolledFace_MouthCentredAndEyesLevel(float roll)
    {
        var frame = new RgbImage(640, 480);
        var face = Synthetic.Face(250, 150, 120, rollDegrees: roll);

        var crop = new MouthCropper().Crop(frame.View, face.Box, face.Keypoints);

        var mouth = crop.ToCrop(face.Keypoints[FaceKeypoint.Mouth]);
        Assert.Equal(48f, mouth.X, 0.5f);
        Assert.Equal(48f, mouth.Y, 0.5f);
        var right = crop.ToCrop(face.Keypoints[FaceKeypoint.RightEye]);
        var left = crop.ToCrop(face.Keypoints[FaceKeypoint.LeftEye]);
        Assert.Equal(right.Y, left.Y, 0.5f);
        Assert.True(left.X > right.X, "the crop must not be upside down");
        Assert.True(right.Y < mouth.Y, "eyes above the mouth");
        Assert.False(crop.Fallback);
    }

    [Fact]
    public void Crop_FaceSize_ScalesFromEyeDistance()
    {
        var frame = new RgbImage(640, 480);
        var small = Synthetic.Face(100, 100, 60);
        var large = Synthetic.Face(100, 100, 180);
        var cropper = new MouthCropper();

        var ratio = cropper.Crop(frame.View, large.Box, large.Keypoints).Side / cropper.Crop(frame.View, small.Box, small.Keypoints).Side;

        Assert.Equal(3f, ratio, 0.01f);
    }

    [Fact]
    public void Crop_KnownPixels_SampledFromTheMouthRegion()
    {
        // A red square around the mouth on a black frame: the crop's centre must be red.
        var frame = new RgbImage(400, 400);
        var face = Synthetic.Face(100, 100, 200);
        var m = face.Keypoints[FaceKeypoint.Mouth];
        for (var y = (int)m.Y - 10; y < (int)m.Y + 10; y++)
        {
            for (var x = (int)m.X - 10; x < (int)m.X + 10; x++) frame.Pixels[((y * 400) + x) * 3] = 255;
        }

        var crop = new MouthCropper(new MouthCropOptions { Size = 64 }).Crop(frame.View, face.Box, face.Keypoints);

        Assert.Equal(255, crop.Image.Pixels[((32 * 64) + 32) * 3]);
        Assert.Equal(0, crop.Image.Pixels[0]);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(25f)]
    public void Forehead_FaceInThePicture_AboveTheEyesAtTheMouthCropsScaleAndRoll(float roll)
    {
        var frame = new RgbImage(640, 640);
        var face = Synthetic.Face(250, 250, 120, rollDegrees: roll);
        var cropper = new MouthCropper();

        var forehead = cropper.Forehead(frame.View, face.Box, face.Keypoints);
        var mouth = cropper.Crop(frame.View, face.Box, face.Keypoints);

        Assert.NotNull(forehead);
        Assert.Equal(mouth.Side, forehead.Side, 0.01f);
        Assert.Equal(mouth.RollDegrees, forehead.RollDegrees, 0.01f);
        // On the line from the mouth through the eyes' midpoint, 1.1 eye distances beyond the eyes.
        var eyes = (face.Keypoints[FaceKeypoint.LeftEye] + face.Keypoints[FaceKeypoint.RightEye]) / 2;
        var up = System.Numerics.Vector2.Normalize(eyes - face.Keypoints[FaceKeypoint.Mouth]);
        var expected = eyes + (up * (MouthCropOptions.Default.ForeheadToEyeDistance * face.Keypoints.InterOcularDistance));
        Assert.Equal(expected.X, forehead.Center.X, 0.5f);
        Assert.Equal(expected.Y, forehead.Center.Y, 0.5f);
        var between = forehead.ToCrop(eyes);
        Assert.True(between.Y > forehead.Image.Height / 2f, "the eyes lie below the forehead crop's centre");
    }

    [Fact]
    public void Forehead_FaceAtTheTopEdge_Null()
    {
        // A tight crop that cuts the forehead off: nothing to compare the mouth with.
        var frame = new RgbImage(640, 480);
        var face = Synthetic.Face(250, 10, 120);

        Assert.Null(new MouthCropper().Forehead(frame.View, face.Box, face.Keypoints));
        Assert.False(new MouthCropper().Crop(frame.View, face.Box, face.Keypoints).Fallback);
    }
}
