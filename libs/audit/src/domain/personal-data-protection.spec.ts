import { protectPersonalData } from './personal-data-protection';

describe('personal data protection of trail payloads', () => {
  it('keeps the keyed hash of an ID number a refused registration hit, and masks the number itself', () => {
    const { kept, masked } = protectPersonalData({ subjectId: 'sub-1', idNumberKey: 'hmac-of-id', idNumber: '001203004567' });
    expect(kept).toEqual({ subjectId: 'sub-1', idNumberKey: 'hmac-of-id' });
    expect(masked).toEqual(['idNumber']);
  });

  it('keeps ids, codes, timestamps and the origin of a login attempt', () => {
    const { kept, masked } = protectPersonalData({
      attemptId: 'att-1',
      accountId: 'acc-1',
      usernameKey: 'hmac-of-username',
      stage: 'otp',
      method: 'totp',
      outcome: 'wrong_otp',
      at: '2024-05-01T08:00:00.000Z',
      ip: '10.0.0.7',
      userAgent: 'Mozilla/5.0',
      provinceCode: '01',
      facilityId: 'fac-1',
    });
    expect(kept).toEqual({
      attemptId: 'att-1',
      accountId: 'acc-1',
      usernameKey: 'hmac-of-username',
      stage: 'otp',
      method: 'totp',
      outcome: 'wrong_otp',
      at: '2024-05-01T08:00:00.000Z',
      ip: '10.0.0.7',
      userAgent: 'Mozilla/5.0',
      provinceCode: '01',
      facilityId: 'fac-1',
    });
    expect(masked).toEqual([]);
  });

  it('never keeps a name, phone, ID number, address, date of birth or username — only their field names', () => {
    const data = {
      subjectId: 'sub-1',
      fullName: 'Nguyễn Văn An',
      phone: '+84901234567',
      idDocument: { type: 'CCCD', number: '001203004567' },
      address: { provinceCode: '01', line: '12 Phố Huế' },
      dateOfBirth: '1990-02-03',
      username: 'an.nguyen',
      changes: { fullName: 'Nguyễn Văn Bình', email: 'b@example.vn' },
    };
    const { kept, masked } = protectPersonalData(data);
    const text = JSON.stringify(kept);
    for (const value of [
      'Nguyễn',
      '+84901234567',
      '001203004567',
      'Phố Huế',
      '1990-02-03',
      'an.nguyen',
      'b@example.vn',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(kept).toEqual({ subjectId: 'sub-1' });
    expect(masked).toEqual([
      'address',
      'changes.email',
      'changes.fullName',
      'dateOfBirth',
      'fullName',
      'idDocument',
      'phone',
      'username',
    ]);
  });

  it('keeps the names of changed fields a producer lists, and never a one-time code', () => {
    const { kept, masked } = protectPersonalData({
      subjectId: 's',
      changedFields: ['fullName', 'address'],
      code: '123456',
    });
    expect(kept).toEqual({ subjectId: 's', changedFields: ['fullName', 'address'] });
    expect(masked).toEqual(['code']);
  });

  it('keeps a reason that is a machine code and masks free text that could name someone', () => {
    expect(protectPersonalData({ reason: 'account_suspended' }).kept).toEqual({
      reason: 'account_suspended',
    });
    const prose = protectPersonalData({ reason: 'Bà Lan gọi điện xin hủy' });
    expect(prose.kept).toEqual({});
    expect(prose.masked).toEqual(['reason']);
  });

  it('reduces a staff list to rights and ids, naming the masked fields of its items once', () => {
    const { kept, masked } = protectPersonalData({
      facilityId: 'fac-1',
      staff: [
        { fullName: 'A', phone: '1', rights: ['data_entry'] },
        { fullName: 'B', phone: '2', rights: ['subject_management'] },
      ],
    });
    expect(kept).toEqual({
      facilityId: 'fac-1',
      staff: [{ rights: ['data_entry'] }, { rights: ['subject_management'] }],
    });
    expect(masked).toEqual(['staff[].fullName', 'staff[].phone']);
  });

  it('masks fields nobody has declared safe yet, by name', () => {
    const { kept, masked } = protectPersonalData({
      doseId: 'd1',
      birthYear: 1990,
      gender: 'female',
      priorityGroup: 'elderly',
    });
    expect(kept).toEqual({ doseId: 'd1' });
    expect(masked).toEqual(['birthYear', 'gender', 'priorityGroup']);
  });
});

describe('personal data protection of absent values', () => {
  it('keeps a null, which identifies nobody, and still names a personal field that was cleared', () => {
    expect(protectPersonalData({ purpose: null, criteria: null, phone: null })).toEqual({
      kept: { purpose: null, criteria: null },
      masked: ['phone'],
    });
  });
});
