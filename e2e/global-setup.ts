import { writeFakeCamera } from './fakeCamera';

/** Before any browser starts: the fake camera's video (its path is in the camera project's launch flags). */
export default function globalSetup(): void {
  writeFakeCamera();
}
